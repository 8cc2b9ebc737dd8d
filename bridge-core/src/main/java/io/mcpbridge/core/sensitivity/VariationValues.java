package io.mcpbridge.core.sensitivity;

/**
 * OSP's variation values of one parameter: for i = 1..n, f_i = 1 + range·i/n and the values
 * P0/f_i and P0·f_i, in that order (2n values).
 */
public final class VariationValues {
  private VariationValues() {}

  /**
   * The varied values around {@code p0}.
   *
   * @param p0 the baseline value (non-zero: zero has no multiplicative variations)
   * @param steps n ≥ 1
   * @param range 0 &lt; range &lt; 1
   * @return {P0/f_1, P0·f_1, …, P0/f_n, P0·f_n}
   */
  public static double[] around(double p0, int steps, double range) {
    if (steps < 1 || !(range > 0 && range < 1) || p0 == 0 || !Double.isFinite(p0)) {
      throw new IllegalArgumentException("variations need steps >= 1, 0 < range < 1 and a finite non-zero value");
    }
    double[] out = new double[2 * steps];
    for (int i = 1; i <= steps; i++) {
      double f = 1 + range * i / steps;
      out[2 * (i - 1)] = p0 / f;
      out[2 * (i - 1) + 1] = p0 * f;
    }
    return out;
  }
}
