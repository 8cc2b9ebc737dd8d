package io.mcpbridge.core.population;

import java.util.Arrays;
import java.util.List;

/**
 * Summary statistics of a sample, as R computes them. Non-finite values (NaN, ±∞) are left out;
 * {@code n} counts the values used.
 *
 * <ul>
 *   <li>mean; SD with the n − 1 denominator ({@code sd()}), NaN for n &lt; 2;
 *   <li>geometric mean exp(mean(ln x)) and geometric SD exp(sd(ln x)), NaN unless every value is
 *       positive;
 *   <li>min, max;
 *   <li>percentiles by R's default {@code quantile(x, p, type = 7)}: with the values sorted
 *       x₁ ≤ … ≤ xₙ and h = (n − 1)·p, the result is x⌊h⌋+1 + (h − ⌊h⌋)·(x⌊h⌋+2 − x⌊h⌋+1).
 * </ul>
 *
 * @param n number of finite values
 * @param mean arithmetic mean
 * @param sd sample standard deviation
 * @param geoMean geometric mean
 * @param geoSd geometric standard deviation
 * @param min smallest value
 * @param max largest value
 * @param percentiles one value per requested probability, in request order
 */
public record SampleStatistics(
    int n, double mean, double sd, double geoMean, double geoSd, double min, double max, double[] percentiles) {

  /** Statistics of {@code values} (not modified); {@code probabilities} in [0, 1]. */
  public static SampleStatistics of(double[] values, List<Double> probabilities) {
    double[] x = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    int n = x.length;
    double[] q = new double[probabilities.size()];
    if (n == 0) {
      Arrays.fill(q, Double.NaN);
      return new SampleStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, q);
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = type7(x, probabilities.get(i));
    }
    double mean = mean(x);
    double sd = sd(x, mean);
    double geoMean = Double.NaN;
    double geoSd = Double.NaN;
    if (x[0] > 0) {
      double[] logs = new double[n];
      for (int i = 0; i < n; i++) {
        logs[i] = Math.log(x[i]);
      }
      double logMean = mean(logs);
      geoMean = Math.exp(logMean);
      geoSd = Math.exp(sd(logs, logMean));
    }
    return new SampleStatistics(n, mean, sd, geoMean, geoSd, x[0], x[n - 1], q);
  }

  /** R's {@code quantile(type = 7)} of ascending, finite, non-empty values. */
  static double type7(double[] sorted, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    double m = sum / x.length;
    // one refinement pass, as R's mean() does, for values far from zero
    double correction = 0;
    for (double v : x) {
      correction += v - m;
    }
    return m + correction / x.length;
  }

  private static double sd(double[] x, double mean) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }
}
