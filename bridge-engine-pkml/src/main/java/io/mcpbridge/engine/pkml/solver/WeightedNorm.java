package io.mcpbridge.engine.pkml.solver;

/**
 * CVODE's error weights and weighted root-mean-square norm: w_i = 1/(relTol·|y_i| + absTol_i) and
 * ||v|| = sqrt(Σ (v_i·w_i)² / N). All tests of the method (Newton convergence, local error, step
 * and order selection) are expressed in this norm, so a value of 1 means "exactly at tolerance".
 */
final class WeightedNorm {
  private WeightedNorm() {}

  /** Fills {@code weights} from the state {@code y}. */
  static void computeWeights(double[] y, double relTol, double[] absTol, double[] weights) {
    for (int i = 0; i < y.length; i++) {
      weights[i] = 1.0 / (relTol * Math.abs(y[i]) + absTol[i]);
    }
  }

  /** The weighted RMS norm of {@code v}. */
  static double rms(double[] v, double[] weights) {
    double sum = 0.0;
    for (int i = 0; i < v.length; i++) {
      double s = v[i] * weights[i];
      sum += s * s;
    }
    return Math.sqrt(sum / v.length);
  }
}
