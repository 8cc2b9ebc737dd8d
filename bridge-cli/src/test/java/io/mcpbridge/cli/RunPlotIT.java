package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge run MODEL --plot FILE} through the packaged command. */
class RunPlotIT {
  private static final Path MODEL = Path.of("..", "models", "one_compartment_iv_bolus.pkml").toAbsolutePath().normalize();
  private static final String OUTPUT = "Organism|Central|Drug|Concentration";

  @TempDir Path work;

  @Test
  void png_isWrittenAtTheDefaultSize_andTheSameRunGivesTheSameBytes() throws Exception {
    Path first = work.resolve("first.png");
    Path second = work.resolve("second.png");
    BridgeProcess.Outcome a = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--plot", first.toString(),
        "--plot-output", OUTPUT, "--out", work.resolve("a.csv").toString());
    BridgeProcess.Outcome b = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--plot", second.toString(),
        "--plot-output", OUTPUT, "--out", work.resolve("b.csv").toString());

    assertThat(a.exitCode()).as(a.stderr()).isZero();
    assertThat(b.exitCode()).as(b.stderr()).isZero();
    BufferedImage image = ImageIO.read(first.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(800);
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    assertThat(Files.readString(work.resolve("a.csv"))).as("the results are still written").startsWith("IndividualId");
  }

  @Test
  void svg_withLogScaleAndObservedData_isDeterministicToo() throws Exception {
    Path observed = work.resolve("observed.csv");
    Files.writeString(observed, "Time [h],Plasma [µmol/l]\n1,4.5\n4,3.1\n8,1.9\n");
    Path first = work.resolve("first.svg");
    Path second = work.resolve("second.svg");
    for (Path svg : new Path[] {first, second}) {
      BridgeProcess.Outcome run = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--plot", svg.toString(),
          "--plot-output", OUTPUT, "--log", "--observed", observed.toString(), "--out", work.resolve("r.csv").toString());
      assertThat(run.exitCode()).as(run.stderr()).isZero();
    }
    String text = Files.readString(first, StandardCharsets.UTF_8);
    assertThat(text).startsWith("<?xml").contains("<svg", "one_compartment_iv_bolus.pkml", "observed: Plasma", "Time [h]");
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void badPlotOptions_areUsageErrors_andWriteNothing() throws Exception {
    Path gif = work.resolve("plot.gif");
    BridgeProcess.Outcome wrongExtension = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--plot",
        gif.toString());
    BridgeProcess.Outcome logWithoutPlot = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--log");
    Path png = work.resolve("plot.png");
    BridgeProcess.Outcome unknownOutput = BridgeProcess.run(work, Map.of(), "run", MODEL.toString(), "--plot",
        png.toString(), "--plot-output", "Organism|Nowhere", "--out", work.resolve("r.csv").toString());

    assertThat(wrongExtension.exitCode()).isEqualTo(2);
    assertThat(wrongExtension.stderr()).contains(".png or .svg");
    assertThat(gif).doesNotExist();
    assertThat(logWithoutPlot.exitCode()).isEqualTo(2);
    assertThat(logWithoutPlot.stderr()).contains("need --plot");
    assertThat(unknownOutput.exitCode()).isEqualTo(5);
    assertThat(unknownOutput.stderr()).contains("Organism|Nowhere");
    assertThat(png).doesNotExist();
  }
}
