package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge population run --plot} in-process on the MiniModel2 reference population. */
class PopulationPlotTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome bridge(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
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

  private static final String MODEL = reference("MiniModel2.pkml").toString();
  private static final String POPULATION = reference("Pop500_p1p2p3.csv").toString();

  @Test
  void plotWritesThePercentileBandsAsAPngOfTheDefaultSize() throws Exception {
    Path png = dir.resolve("bands.png");
    Outcome run = bridge("population", "run", MODEL, "--population", POPULATION, "--threads", "2",
        "--out", dir.resolve("out").toString(), "--plot", png.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("percentile bands written to");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a decodable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(800);
    assertThat(dir.resolve("out/results.csv")).exists();
  }

  @Test
  void aChosenOutputOnALogAxisWithTheIndividualsAsSvg() throws Exception {
    Path svg = dir.resolve("bands.svg");
    Outcome run = bridge("population", "run", MODEL, "--population", POPULATION, "--threads", "2",
        "--out", dir.resolve("out").toString(), "--plot", svg.toString(), "--plot-output", "Organism|B", "--log",
        "--plot-individuals");

    assertThat(run.code()).as(run.err()).isZero();
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertThat(text).startsWith("<?xml").contains("<svg", "MiniModel2.pkml", "Pop500_p1p2p3.csv", "Organism|B median",
        "individuals (");
  }

  @Test
  void badPlotOptionsAreErrorsBeforeAnythingRuns() throws Exception {
    Path out = dir.resolve("out");
    Outcome unknownOutput = bridge("population", "run", MODEL, "--population", POPULATION, "--out", out.toString(),
        "--plot", dir.resolve("p.png").toString(), "--plot-output", "Organism|Nowhere");
    Outcome wrongExtension = bridge("population", "run", MODEL, "--population", POPULATION, "--out", out.toString(),
        "--plot", dir.resolve("p.jpg").toString());
    Outcome logWithoutPlot = bridge("population", "run", MODEL, "--population", POPULATION, "--out", out.toString(),
        "--log");

    assertThat(unknownOutput.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknownOutput.err()).contains("Organism|Nowhere");
    assertThat(wrongExtension.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongExtension.err()).contains(".png or .svg");
    assertThat(logWithoutPlot.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(logWithoutPlot.err()).contains("need --plot");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
