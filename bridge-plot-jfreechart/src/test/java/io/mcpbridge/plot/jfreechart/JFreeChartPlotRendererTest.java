package io.mcpbridge.plot.jfreechart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.Chart;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.service.plot.DistributionCharts;
import io.mcpbridge.core.service.plot.PopulationBandCharts;
import io.mcpbridge.core.service.plot.TornadoCharts;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/**
 * Every chart kind renders to a decodable PNG and a well-formed SVG of the asked size, the same
 * chart twice gives the same bytes, and the pictures show what the chart describes (pixels of the
 * curves' colours where the curves are). The images are written to target/plots to look at.
 */
class JFreeChartPlotRendererTest {
  private static final Path OUT = Path.of("target", "plots");
  private final JFreeChartPlotRenderer renderer = new JFreeChartPlotRenderer();

  /** A one-compartment IV bolus: C(t) = D/V · exp(−k t), in µmol/l over hours. */
  private static double[] decay(double[] hours, double c0, double k) {
    double[] c = new double[hours.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = c0 * Math.exp(-k * hours[i]);
    }
    return c;
  }

  private static double[] hours(int n, double end) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = end * i / (n - 1);
    }
    return t;
  }

  private static XyChart twoRuns(AxisScale scale) {
    double[] t = hours(97, 24);
    return new XyChart("one_compartment.pkml — simulation demo (revision 2)", "results r-1 · job j-1",
        new Axis("Time", "h", AxisScale.LINEAR), new Axis("Concentration (molar)", "µmol/l", scale),
        List.of(new LineSeries("baseline: Organism|Central|Drug|Concentration", t, decay(t, 10, 0.2), LineStyle.SOLID, 0, true),
            new LineSeries("Volume 20 l: Organism|Central|Drug|Concentration", t, decay(t, 5, 0.1), LineStyle.DASHED, 1, true)),
        List.of(), List.of());
  }

  private static Chart population(AxisScale scale) {
    double[] t = hours(97, 24);
    Random random = new Random(42);
    List<double[]> individuals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      individuals.add(decay(t, 10 * Math.exp(0.3 * random.nextGaussian()), 0.2 * Math.exp(0.25 * random.nextGaussian())));
    }
    return PopulationBandCharts.chart("one_compartment.pkml — population of 200", "seed 42",
        new Axis("Time", "h", AxisScale.LINEAR), new Axis("Concentration (molar)", "µmol/l", scale),
        "Organism|Central|Drug|Concentration", t, individuals, true);
  }

  private static Chart distribution() {
    Random random = new Random(7);
    double[] auc = new double[500];
    for (int i = 0; i < auc.length; i++) {
      auc[i] = 50 * Math.exp(0.35 * random.nextGaussian());
    }
    return DistributionCharts.chart("AUC_inf over a population of 500", "Organism|Central|Drug|Concentration",
        new Axis("AUC_inf", "µmol·min/l", AxisScale.LINEAR), "AUC_inf", auc);
  }

  private static Chart tornado() {
    return TornadoCharts.chart("Sensitivity of AUC_inf", "±10 % per parameter",
        new Axis("Change of AUC_inf", "%", AxisScale.LINEAR), "parameter −10 %", "parameter +10 %",
        List.of(new TornadoBar("Organism|Liver|Volume", -2.1, 1.9), new TornadoBar("Drug|Lipophilicity", -8.5, 7.2),
            new TornadoBar("Organism|Kidney|GFR", 11.1, -9.1), new TornadoBar("Drug|Fraction unbound", 0.4, -0.3)));
  }

  private static Chart withObserved() {
    String csv = "Time [min],Plasma [µmol/l]\n0,9.1\n120,6.9\n360,2.8\n720,0.9\n1440,0.12\n";
    return new io.mcpbridge.core.service.plot.ObservedDataCsv(io.mcpbridge.core.units.UnitCatalog.standard())
        .overlay(twoRuns(AxisScale.LINEAR), csv, "observed.csv");
  }

  private static List<Chart> everyKind() {
    return List.of(withObserved(), twoRuns(AxisScale.LOG), population(AxisScale.LINEAR),
        population(AxisScale.LOG), distribution(), tornado());
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void everyChartKind_renderedTwice_givesIdenticalBytes(ImageFormat format) throws Exception {
    Files.createDirectories(OUT);
    List<String> names = List.of("runs-observed-linear", "runs-log", "population-linear", "population-log", "distribution",
        "tornado");
    List<Chart> charts = everyKind();
    for (int i = 0; i < charts.size(); i++) {
      byte[] first = renderer.render(charts.get(i), format, ImageSize.DEFAULT);
      byte[] second = renderer.render(everyKind().get(i), format, ImageSize.DEFAULT);
      assertThat(second).as(names.get(i)).isEqualTo(first);
      Files.write(OUT.resolve(names.get(i) + "." + format.extension()), first);
    }
  }

  @Test
  void png_decodesToTheAskedSize_withTheCurvesColoursOnIt() throws Exception {
    byte[] png = renderer.render(twoRuns(AxisScale.LINEAR), ImageFormat.PNG, new ImageSize(900, 600));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(countPixels(image, 0x0072B2)).as("pixels of the first curve's blue").isGreaterThan(500);
    assertThat(countPixels(image, 0xD55E00)).as("pixels of the second curve's vermillion").isGreaterThan(300);
  }

  @Test
  void svg_isWellFormedXml_ofTheAskedSize_withTitleAxisLabelAndLegend() throws Exception {
    byte[] svg = renderer.render(twoRuns(AxisScale.LOG), ImageFormat.SVG, ImageSize.DEFAULT);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    // The SVG 1.1 DOCTYPE is declared; nothing external is fetched or expanded.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getAttribute("width")).isIn("1200", "1200.0");
    assertThat(doc.getDocumentElement().getAttribute("height")).isIn("800", "800.0");
    String text = new String(svg, StandardCharsets.UTF_8);
    // (JFreeSVG draws the rotated y label as glyph outlines, not as text.)
    assertThat(text).contains("one_compartment.pkml — simulation demo (revision 2)", "Time [h]",
        "baseline: Organism|Central|Drug|Concentration");
  }

  @Test
  void differentCharts_giveDifferentImages() {
    assertThat(renderer.render(twoRuns(AxisScale.LINEAR), ImageFormat.PNG, ImageSize.DEFAULT))
        .isNotEqualTo(renderer.render(twoRuns(AxisScale.LOG), ImageFormat.PNG, ImageSize.DEFAULT));
  }

  @Test
  void logDistributionWithoutPositiveValues_isRefused() {
    Chart chart = DistributionCharts.chart("t", "", new Axis("x", "", AxisScale.LOG), "x", new double[] {-1, 0});
    assertThatThrownBy(() -> renderer.render(chart, ImageFormat.PNG, ImageSize.DEFAULT))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("logarithmic");
  }

  private static int countPixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
