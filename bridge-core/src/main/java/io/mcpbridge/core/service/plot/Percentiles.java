package io.mcpbridge.core.service.plot;

import java.util.Arrays;

/**
 * Sample percentiles by linear interpolation between order statistics (Hyndman and Fan's type 7,
 * the default of R's {@code quantile}, which ospsuite's population plots use): for {@code n} sorted
 * values the p-th percentile sits at rank {@code h = (n - 1) p / 100}, interpolated between the
 * neighbouring values. NaN values are ignored.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The p-th percentile of the values.
   *
   * @param p 0 to 100
   * @return NaN if there is no value that is not NaN
   */
  public static double of(double[] values, double p) {
    return ofSorted(sortedFinite(values), p);
  }

  /** The finite values, ascending. */
  static double[] sortedFinite(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
    Arrays.sort(v);
    return v;
  }

  /** The p-th percentile of values already sorted ascending, without NaN. */
  static double ofSorted(double[] sorted, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in 0..100, not " + p);
    }
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
