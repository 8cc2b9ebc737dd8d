package io.mcpbridge.plot.jfreechart.bench;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.Chart;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.service.plot.PopulationBandCharts;
import io.mcpbridge.plot.jfreechart.JFreeChartPlotRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering time of a 1200 × 800 plot: a time profile of one run (two outputs × 97 points, the
 * size of a bundled model's result) as PNG and SVG, and a population of 200 individuals with
 * percentile bands and every individual's curve as PNG.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlotBenchmark {
  private final JFreeChartPlotRenderer renderer = new JFreeChartPlotRenderer();
  private Chart timeProfile;
  private Chart population;

  @Setup
  public void charts() {
    double[] t = new double[97];
    for (int i = 0; i < t.length; i++) {
      t[i] = 24.0 * i / 96;
    }
    Axis time = new Axis("Time", "h", AxisScale.LINEAR);
    Axis conc = new Axis("Concentration (molar)", "µmol/l", AxisScale.LINEAR);
    timeProfile = new XyChart("model.pkml — simulation s (revision 1)", "results r · job j", time, conc,
        List.of(new LineSeries("Organism|Central|Drug|Concentration", t, decay(t, 10, 0.2), LineStyle.SOLID, 0, true),
            new LineSeries("Organism|Peripheral|Drug|Concentration", t, decay(t, 4, 0.1), LineStyle.SOLID, 1, true)),
        List.of(), List.of());
    Random random = new Random(1);
    List<double[]> individuals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      individuals.add(decay(t, 10 * Math.exp(0.3 * random.nextGaussian()), 0.2 * Math.exp(0.25 * random.nextGaussian())));
    }
    population = PopulationBandCharts.chart("model.pkml — population of 200", "", time, conc,
        "Organism|Central|Drug|Concentration", t, individuals, true);
  }

  private static double[] decay(double[] t, double c0, double k) {
    double[] c = new double[t.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = c0 * Math.exp(-k * t[i]);
    }
    return c;
  }

  @Benchmark
  public byte[] timeProfilePng() {
    return renderer.render(timeProfile, ImageFormat.PNG, ImageSize.DEFAULT);
  }

  @Benchmark
  public byte[] timeProfileSvg() {
    return renderer.render(timeProfile, ImageFormat.SVG, ImageSize.DEFAULT);
  }

  @Benchmark
  public byte[] population200Png() {
    return renderer.render(population, ImageFormat.PNG, ImageSize.DEFAULT);
  }
}
