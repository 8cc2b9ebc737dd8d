package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * The distribution of one quantity (e.g. a PK parameter over a population) as a histogram with
 * the median and the 5th and 95th percentiles marked. The values array is shared, not copied.
 *
 * @param title headline
 * @param subtitle details; may be empty
 * @param value the axis of the quantity (title, unit, scale)
 * @param name the legend entry of the histogram
 * @param values finite values; at least one
 * @param bins number of equal-width bins, 1 to 200
 * @param summary median and percentiles of {@code values}
 */
public record DistributionChart(String title, String subtitle, Axis value, String name, double[] values, int bins,
    Summary summary) implements Chart {
  /**
   * Order statistics of the values.
   *
   * @param p5 5th percentile
   * @param median 50th percentile
   * @param p95 95th percentile
   */
  public record Summary(double p5, double median, double p95) {}

  public DistributionChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(summary, "summary");
    if (values.length == 0) {
      throw new IllegalArgumentException("distribution " + name + " has no values");
    }
    if (bins < 1 || bins > 200) {
      throw new IllegalArgumentException("bins must be 1..200, not " + bins);
    }
  }
}
