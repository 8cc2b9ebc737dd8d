package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge sensitivity run --population FILE --individual ID} and {@code --plot}, in-process on
 * the MiniModel2 reference model and OSP's sensitivity analysis of its individual 3.
 */
class SensitivityIndividualAndPlotTest {
  /** The tolerance OSP's own workflow tests use. */
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  private static Path reference(String file) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(Path.of("shared", "reference", "population", file));
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file population/" + file + " not found");
  }

  private static final Path MODEL = reference("MiniModel2.pkml");
  private static final Path POPULATION = reference("Pop500_p1p2p3.csv");
  private static final Path OSP = reference("MiniModel2_individual3_sensitivity_ospsuite.csv");

  /** Value by "QuantityPath/PKParameter/ParameterPath/Parameter" of a sensitivity CSV (OSP's layout). */
  private static Map<String, Double> values(Path csv) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.replace("\"", "").split(",");
      assertThat(c).as(line).hasSize(5);
      out.put(c[0] + "/" + c[2] + "/" + c[4] + "/" + c[1], Double.parseDouble(c[3]));
    }
    return out;
  }

  /** The outputs and PK parameters OSP's reference analysis reports, as --outputs and --pk arguments. */
  private static List<String> whatOspReports() throws Exception {
    List<String> outputs = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    for (String key : values(OSP).keySet()) {
      String[] parts = key.split("/");
      if (!outputs.contains(parts[0])) {
        outputs.add(parts[0]);
      }
      if (!pk.contains(parts[1])) {
        pk.add(parts[1]);
      }
    }
    List<String> args = new ArrayList<>();
    args.add("--outputs");
    args.addAll(outputs);
    args.add("--pk");
    args.addAll(pk);
    return args;
  }

  private static List<String> sensitivity(Path out, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("sensitivity", "run", MODEL.toString()));
    args.addAll(whatOspReports());
    args.addAll(List.of(more));
    args.addAll(List.of("--parallel", "2", "--out", out.toString()));
    return args;
  }

  private List<Path> filesLeft() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void individual3OfThePopulationFileReproducesOspsExportValueByValue() throws Exception {
    Path out = dir.resolve("sa.csv");
    Outcome run = bridge(sensitivity(out, "--population", POPULATION.toString(), "--individual", "3"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("20 sensitivities of 4 parameters from 17 runs");
    Map<String, Double> ours = values(out);
    Map<String, Double> osp = values(OSP);
    assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(osp.keySet());
    double worst = 0;
    for (Map.Entry<String, Double> e : osp.entrySet()) {
      assertThat(ours.get(e.getKey())).as(e.getKey()).isCloseTo(e.getValue(), within(TOLERANCE));
      worst = Math.max(worst, Math.abs(ours.get(e.getKey()) - e.getValue()));
    }
    System.out.printf("bridge sensitivity run --individual 3: %d values, largest deviation from OSP %.3g%n",
        osp.size(), worst);
  }

  @Test
  void anotherIndividualGivesOtherSensitivities() throws Exception {
    // Individual 2 has p1 = 3, p2 = 4 (individual 3: 1, 2): the baseline is the individual's.
    Path three = dir.resolve("three.csv");
    Path two = dir.resolve("two.csv");
    Outcome a = bridge(sensitivity(three, "--population", POPULATION.toString(), "--individual", "3"));
    Outcome b = bridge(sensitivity(two, "--population", POPULATION.toString(), "--individual", "2"));

    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    Map<String, Double> ofThree = values(three);
    Map<String, Double> ofTwo = values(two);
    assertThat(ofTwo.keySet()).isEqualTo(ofThree.keySet());
    assertThat(ofTwo.keySet()).anyMatch(key -> Math.abs(ofTwo.get(key) - ofThree.get(key)) > 10 * TOLERANCE);
  }

  @Test
  void anUnknownIndividualIsAUsageErrorNamingTheIdAndWritesNothing() throws Exception {
    Path out = dir.resolve("never.csv");
    Outcome unknown = bridge(sensitivity(out, "--population", POPULATION.toString(), "--individual", "9999"));
    Outcome alone = bridge(sensitivity(out, "--individual", "3"));

    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("9999", "Pop500_p1p2p3.csv", "0 to 498").doesNotContain("\tat ");
    assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(alone.err()).contains("--population");
    assertThat(filesLeft()).isEmpty();
  }

  @Test
  void plotWritesATornadoPngOfTheDefaultSize() throws Exception {
    Path out = dir.resolve("sa.csv");
    Path png = dir.resolve("tornado.png");
    Outcome run = bridge(sensitivity(out, "--population", POPULATION.toString(), "--individual", "3",
        "--plot", png.toString(), "--plot-pk", "Thalf"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("tornado chart of Thalf written to");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a decodable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(800);
    assertThat(out).exists();
  }

  @Test
  void badPlotOptionsAreUsageErrorsBeforeAnythingRuns() throws Exception {
    Outcome gif = bridge(sensitivity(dir.resolve("a.csv"), "--plot", dir.resolve("t.gif").toString()));
    Outcome notReported = bridge(sensitivity(dir.resolve("b.csv"), "--plot", dir.resolve("t.png").toString(),
        "--plot-pk", "AUC_inf"));
    Outcome notAnOutput = bridge(sensitivity(dir.resolve("c.csv"), "--plot", dir.resolve("t.png").toString(),
        "--plot-output", "Organism|B"));
    Outcome withoutPlot = bridge(sensitivity(dir.resolve("d.csv"), "--plot-pk", "C_max"));

    assertThat(gif.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(gif.err()).contains(".png or .svg");
    assertThat(notReported.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(notReported.err()).contains("AUC_inf");
    assertThat(notAnOutput.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(notAnOutput.err()).contains("Organism|B");
    assertThat(withoutPlot.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutPlot.err()).contains("need --plot");
    assertThat(filesLeft()).isEmpty();
  }
}
