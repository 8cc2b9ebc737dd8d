package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sobol indices from the responses to a {@link SaltelliDesign}.
 *
 * <p>With f_A, f_B and f_ABi the responses on the rows of A, B and A_B^i, and V the variance of
 * f_A and f_B taken together:
 *
 * <ul>
 *   <li>first order (Saltelli et al. 2010): S_i = mean_j[(f_B(j) − f_0)·(f_ABi(j) − f_A(j))] / V, with
 *       f_0 the mean of f_A and f_B (centring does not change the expectation, but without it the
 *       estimator's variance grows with the square of the response's mean);
 *   <li>total (Jansen 1999): S_Ti = mean_j[(f_A(j) − f_ABi(j))²] / (2V).
 * </ul>
 *
 * <p>Confidence intervals are percentile bootstrap intervals: the N base-sample rows (with their
 * A_B^i rows) are resampled with replacement, seeded, and the indices recomputed on each resample.
 */
public final class SobolEstimator {
  private SobolEstimator() {}

  /**
   * Estimates every parameter's indices.
   *
   * @param names the parameters' names, k of them, in design column order
   * @param baseSamples N
   * @param responses the N·(k + 2) responses in {@link SaltelliDesign#points()} order; all finite
   * @param resamples bootstrap resamples (≥ 100)
   * @param confidence interval level, 0 &lt; confidence &lt; 1
   * @param bootstrapSeed seed of the resampling
   * @return indices in {@code names} order; the result's seed field is {@code bootstrapSeed}
   * @throws InvalidInputException on mismatched sizes, a non-finite response or a zero variance
   */
  public static SobolResult estimate(
      List<String> names, int baseSamples, double[] responses, int resamples, double confidence, long bootstrapSeed) {
    int k = names.size();
    if (k < 1 || baseSamples < 2 || responses.length != baseSamples * (k + 2)) {
      throw new InvalidInputException("expected " + baseSamples + "·(" + k + " + 2) responses, got " + responses.length);
    }
    if (resamples < 100) {
      throw new InvalidInputException("bootstrap needs at least 100 resamples, got " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidInputException("confidence must lie strictly between 0 and 1, got " + confidence);
    }
    for (int j = 0; j < responses.length; j++) {
      if (!Double.isFinite(responses[j])) {
        throw new InvalidInputException("response " + j + " is not finite (" + responses[j]
            + "); Sobol indices need a finite response at every sample");
      }
    }
    int[] identity = new int[baseSamples];
    Arrays.setAll(identity, j -> j);
    double[] first = new double[k];
    double[] total = new double[k];
    double variance = indicesOn(identity, responses, baseSamples, k, first, total);
    if (!(variance > 0)) {
      throw new InvalidInputException("the response does not vary over the parameter ranges; Sobol indices are undefined");
    }

    SplitMix64 random = new SplitMix64(bootstrapSeed);
    double[][] firstBoot = new double[k][resamples];
    double[][] totalBoot = new double[k][resamples];
    int[] drawn = new int[baseSamples];
    double[] f = new double[k];
    double[] t = new double[k];
    for (int r = 0; r < resamples; r++) {
      for (int j = 0; j < baseSamples; j++) {
        drawn[j] = random.nextInt(baseSamples);
      }
      indicesOn(drawn, responses, baseSamples, k, f, t);
      for (int i = 0; i < k; i++) {
        firstBoot[i][r] = f[i];
        totalBoot[i][r] = t[i];
      }
    }
    double lowP = (1 - confidence) / 2;
    double highP = 1 - lowP;
    List<SobolIndex> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      Arrays.sort(firstBoot[i]);
      Arrays.sort(totalBoot[i]);
      out.add(new SobolIndex(names.get(i),
          first[i], percentile(firstBoot[i], lowP), percentile(firstBoot[i], highP),
          total[i], percentile(totalBoot[i], lowP), percentile(totalBoot[i], highP)));
    }
    return new SobolResult(out, baseSamples, responses.length, variance, confidence, resamples, bootstrapSeed);
  }

  /** Computes the indices on the base-sample rows {@code rows}; returns V. */
  private static double indicesOn(int[] rows, double[] y, int n, int k, double[] first, double[] total) {
    double sum = 0;
    for (int j : rows) {
      sum += y[j] + y[n + j];
    }
    double mean = sum / (2.0 * rows.length);
    double squares = 0;
    for (int j : rows) {
      double da = y[j] - mean;
      double db = y[n + j] - mean;
      squares += da * da + db * db;
    }
    double variance = squares / (2.0 * rows.length);
    for (int i = 0; i < k; i++) {
      int offset = (2 + i) * n;
      double firstSum = 0;
      double totalSum = 0;
      for (int j : rows) {
        double fa = y[j];
        double fab = y[offset + j];
        // Centred f_B: the uncentred product carries mean·(f_ABi − f_A), whose sampling noise grows
        // with the response's mean, so a response far from 0 (any concentration in µmol/l) gave S_i
        // well outside [0, 1] at N = 1024. Centring leaves the expectation unchanged.
        firstSum += (y[n + j] - mean) * (fab - fa);
        totalSum += (fa - fab) * (fa - fab);
      }
      first[i] = firstSum / rows.length / variance;
      total[i] = totalSum / (2.0 * rows.length) / variance;
    }
    return variance;
  }

  /** Linear interpolation between order statistics of a sorted sample (Hyndman–Fan type 7). */
  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
