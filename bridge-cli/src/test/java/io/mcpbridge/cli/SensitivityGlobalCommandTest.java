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
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge sensitivity global}, in-process on the bundled one-compartment IV bolus
 * (C(t) = A0/V·e^(−CL/V·t)): C_max = A0/V does not depend on CL at all, so CL's Sobol indices and
 * Morris effects for it are exactly 0.
 */
class SensitivityGlobalCommandTest {
  private static final Path MODEL = Path.of("..", "models", "one_compartment_iv_bolus.pkml").toAbsolutePath().normalize();
  private static final String VOLUME = "Organism|Central|Volume=uniform(10, 20)";
  private static final String CL = "Organism|Central|CL=uniform(3, 9) l/h";
  private static final String CONCENTRATION = "Organism|Central|Drug|Concentration";

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  /** Rows of a CSV without quotes, header first. */
  private static List<String[]> rows(Path csv) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      out.add(line.replace("\"", "").split(","));
    }
    return out;
  }

  private static String[] row(List<String[]> rows, String response, String parameterEnd) {
    return rows.stream().filter(r -> r[1].equals(response) && r[2].endsWith(parameterEnd)).findFirst().orElseThrow();
  }

  @Test
  void sobolWritesIndicesAndAChartAndRepeatsItselfWhateverTheThreadCount() throws Exception {
    Path one = dir.resolve("one.csv");
    Path two = dir.resolve("two.csv");
    Path png = dir.resolve("sobol.png");
    Outcome first = bridge("sensitivity", "global", MODEL.toString(), "--method", "sobol", "--vary", VOLUME, "--vary", CL,
        "--n", "128", "--seed", "42", "--pk", "C_max", "AUC_tEnd", "--times", "60,120", "--outputs", CONCENTRATION,
        "--parallel", "1", "--out", one.toString(), "--plot", png.toString(), "--plot-response", "C_max");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("sobol indices of 2 parameters for 4 responses from 513 runs");
    Outcome second = bridge("sensitivity", "global", MODEL.toString(), "--vary", VOLUME, "--vary", CL, "--n", "128",
        "--seed", "42", "--pk", "C_max", "AUC_tEnd", "--times", "60,120", "--outputs", CONCENTRATION, "--parallel", "3",
        "--out", two.toString());
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(Files.readString(two)).isEqualTo(Files.readString(one));

    List<String[]> rows = rows(one);
    assertThat(rows.get(0)).containsExactly("QuantityPath", "Response", "ParameterPath", "S1", "S1Low", "S1High", "ST",
        "STLow", "STHigh", "State");
    assertThat(rows).hasSize(1 + 4 * 2);
    String[] clCmax = row(rows, "C_max", "|CL");
    assertThat(Double.parseDouble(clCmax[3])).isCloseTo(0, within(1e-12));
    assertThat(Double.parseDouble(clCmax[6])).isCloseTo(0, within(1e-12));
    assertThat(Double.parseDouble(row(rows, "C_max", "Volume")[6])).isCloseTo(1, within(0.15));
    // At one hour both matter: the value depends on V directly and through the rate CL/V.
    assertThat(Double.parseDouble(row(rows, "Value@t=60", "|CL")[6])).isGreaterThan(0.05);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isPositive();
  }

  @Test
  void morrisWritesMuStarAndSigma() throws Exception {
    Path csv = dir.resolve("morris.csv");
    Outcome outcome = bridge("sensitivity", "global", MODEL.toString(), "--method", "morris", "--vary", VOLUME,
        "--vary", CL, "--n", "8", "--pk", "C_max", "--outputs", CONCENTRATION, "--out", csv.toString());
    assertThat(outcome.code()).as(outcome.err()).isZero();
    List<String[]> rows = rows(csv);
    assertThat(rows.get(0)).containsExactly("QuantityPath", "Response", "ParameterPath", "Mu", "MuStar", "Sigma",
        "State");
    assertThat(Double.parseDouble(row(rows, "C_max", "|CL")[4])).isZero();
    // C_max = 100/V falls with V: every elementary effect is negative, so μ = −μ* ≠ 0.
    String[] v = row(rows, "C_max", "Volume");
    assertThat(Double.parseDouble(v[3])).isNegative().isCloseTo(-Double.parseDouble(v[4]), within(1e-12));
  }

  @Test
  void badInputIsOneErrorNamingEveryProblemAndWritesNothing() {
    Path csv = dir.resolve("bad.csv");
    Outcome outcome = bridge("sensitivity", "global", MODEL.toString(), "--vary", "Organism|Nope=uniform(1, 2)",
        "--vary", "Organism|Central|Volume=uniform(5, 1)", "--vary", CONCENTRATION + "=uniform(1, 2)", "--n", "1",
        "--out", csv.toString());
    assertThat(outcome.code()).isNotZero();
    assertThat(outcome.err().strip().lines()).hasSize(1);
    assertThat(outcome.err()).contains("Organism|Nope").contains("min < max").contains("not a parameter")
        .contains("n (base samples) must be 2-");
    assertThat(csv).doesNotExist();
  }
}
