package io.mcpbridge.core.service.plot;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.Band;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.XyChart;
import java.util.ArrayList;
import java.util.List;

/**
 * A population's time profile of one output: the 5th–95th and 25th–75th percentile bands and the
 * median per output time ({@link Percentiles}, type 7), optionally with every individual's curve
 * behind them. On a logarithmic axis values that are not positive are left out.
 */
public final class PopulationBandCharts {
  /** The most individual curves drawn; more would hide the bands without telling more. */
  public static final int MAX_INDIVIDUAL_CURVES = 500;
  /** The colour group of individual curves: the palette's neutral (black, drawn translucent as grey). */
  static final int NEUTRAL_GROUP = 6;

  private PopulationBandCharts() {}

  /**
   * The chart.
   *
   * @param title headline naming model and population
   * @param subtitle details
   * @param x the time axis (its unit is the unit of {@code times})
   * @param y the value axis (its unit is the unit of the individuals' values; its scale is used)
   * @param outputName legend name of the output
   * @param times output times, ascending
   * @param individuals one array per individual, each as long as {@code times}
   * @param spaghetti whether to draw the individuals' curves (at most {@link #MAX_INDIVIDUAL_CURVES})
   */
  public static XyChart chart(String title, String subtitle, Axis x, Axis y, String outputName, double[] times,
      List<double[]> individuals, boolean spaghetti) {
    if (individuals.isEmpty()) {
      throw new IllegalArgumentException("a population needs at least one individual");
    }
    int n = times.length;
    double[] p5 = new double[n];
    double[] p25 = new double[n];
    double[] median = new double[n];
    double[] p75 = new double[n];
    double[] p95 = new double[n];
    double[] column = new double[individuals.size()];
    boolean log = y.scale() == AxisScale.LOG;
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < column.length; i++) {
        double[] values = individuals.get(i);
        if (values.length != n) {
          throw new IllegalArgumentException("individual " + i + " has " + values.length + " values for " + n + " times");
        }
        column[i] = values[t];
      }
      double[] sorted = Percentiles.sortedFinite(column);
      p5[t] = shown(Percentiles.ofSorted(sorted, 5), log);
      p25[t] = shown(Percentiles.ofSorted(sorted, 25), log);
      median[t] = shown(Percentiles.ofSorted(sorted, 50), log);
      p75[t] = shown(Percentiles.ofSorted(sorted, 75), log);
      p95[t] = shown(Percentiles.ofSorted(sorted, 95), log);
    }
    List<LineSeries> lines = new ArrayList<>();
    if (spaghetti) {
      int drawn = Math.min(individuals.size(), MAX_INDIVIDUAL_CURVES);
      for (int i = 0; i < drawn; i++) {
        double[] v = individuals.get(i);
        double[] shownValues = new double[n];
        for (int t = 0; t < n; t++) {
          shownValues[t] = shown(v[t], log);
        }
        lines.add(new LineSeries(i == 0 ? "individuals (" + drawn + ")" : "individual " + i, times, shownValues,
            LineStyle.THIN, NEUTRAL_GROUP, i == 0));
      }
    }
    lines.add(new LineSeries(outputName + " median", times, median, LineStyle.SOLID, 0, true));
    List<Band> bands = List.of(
        new Band("5th–95th percentile", times, p5, p95, 0, 0.25),
        new Band("25th–75th percentile", times, p25, p75, 0, 0.45));
    return new XyChart(title, subtitle, x, y, lines, bands, List.of());
  }

  private static double shown(double v, boolean log) {
    return log && !(v > 0) ? Double.NaN : v;
  }
}
