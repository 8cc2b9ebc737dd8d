package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;

/**
 * Saltelli's sampling scheme in the k-dimensional unit cube: two independent N×k matrices A and B
 * drawn from a seeded {@link SplitMix64}, and for each parameter i the matrix A_B^i, equal to A
 * except column i, which is taken from B. N·(k + 2) points in all.
 *
 * <p>{@link #points()} lists them in the order A, B, A_B^1, …, A_B^k (N rows each), the order
 * {@link SobolEstimator} expects the responses in.
 */
public final class SaltelliDesign {
  private final int parameters;
  private final int baseSamples;
  private final double[][] a;
  private final double[][] b;

  private SaltelliDesign(int parameters, int baseSamples, double[][] a, double[][] b) {
    this.parameters = parameters;
    this.baseSamples = baseSamples;
    this.a = a;
    this.b = b;
  }

  /**
   * Draws A and B: for each base sample, the k coordinates of its A row, then the k of its B row.
   *
   * @param parameters k ≥ 1
   * @param baseSamples N ≥ 2
   * @param seed the generator seed
   */
  public static SaltelliDesign draw(int parameters, int baseSamples, long seed) {
    if (parameters < 1 || baseSamples < 2) {
      throw new InvalidInputException("a Saltelli design needs at least 1 parameter and 2 base samples");
    }
    if ((long) baseSamples * (parameters + 2) > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("a Saltelli design of " + baseSamples + " base samples and " + parameters
          + " parameters has too many points");
    }
    SplitMix64 random = new SplitMix64(seed);
    double[][] a = new double[baseSamples][parameters];
    double[][] b = new double[baseSamples][parameters];
    for (int j = 0; j < baseSamples; j++) {
      for (int i = 0; i < parameters; i++) {
        a[j][i] = random.nextOpenUnit();
      }
      for (int i = 0; i < parameters; i++) {
        b[j][i] = random.nextOpenUnit();
      }
    }
    return new SaltelliDesign(parameters, baseSamples, a, b);
  }

  /** k. */
  public int parameters() {
    return parameters;
  }

  /** N. */
  public int baseSamples() {
    return baseSamples;
  }

  /** N·(k + 2), the number of model evaluations. */
  public int evaluations() {
    return baseSamples * (parameters + 2);
  }

  /** All points, A then B then A_B^1 … A_B^k; fresh arrays the caller may keep. */
  public double[][] points() {
    double[][] out = new double[evaluations()][];
    for (int j = 0; j < baseSamples; j++) {
      out[j] = a[j].clone();
      out[baseSamples + j] = b[j].clone();
    }
    for (int i = 0; i < parameters; i++) {
      int offset = (2 + i) * baseSamples;
      for (int j = 0; j < baseSamples; j++) {
        double[] row = a[j].clone();
        row[i] = b[j][i];
        out[offset + j] = row;
      }
    }
    return out;
  }
}
