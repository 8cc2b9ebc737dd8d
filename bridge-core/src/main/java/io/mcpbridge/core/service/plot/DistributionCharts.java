package io.mcpbridge.core.service.plot;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.DistributionChart;

/**
 * The distribution of a PK parameter (or any quantity) over a population: a histogram with the
 * 5th, 50th and 95th percentiles. Values that are not finite are left out.
 */
public final class DistributionCharts {
  private DistributionCharts() {}

  /**
   * The chart, with √n bins (Excel's and many viewers' rule), between 5 and 50.
   *
   * @throws IllegalArgumentException if no value is finite
   */
  public static DistributionChart chart(String title, String subtitle, Axis value, String name, double[] values) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    double[] sorted = Percentiles.sortedFinite(finite);
    int bins = (int) Math.max(5, Math.min(50, Math.round(Math.sqrt(finite.length))));
    DistributionChart.Summary summary = new DistributionChart.Summary(Percentiles.ofSorted(sorted, 5),
        Percentiles.ofSorted(sorted, 50), Percentiles.ofSorted(sorted, 95));
    return new DistributionChart(title, subtitle, value, name, finite, bins, summary);
  }
}
