package io.mcpbridge.engine.pkml.solver;

import java.util.Arrays;

/**
 * The coefficients of one BDF step in fixed-leading-coefficient form (Jackson and Sacks-Davis; CVODE
 * user guide, "Mathematical considerations"; Hindmarsh et al., ACM TOMS 31(3), 2005).
 *
 * <p>For order q with past times t_{n−j}, let ξ_j = (t_n − t_{n−j})/h. The corrector vector l is the
 * coefficient list of Λ(x) = (1 + x/ξ*_q) · Π_{j=1}^{q−1} (1 + x/ξ_j), where ξ*_q is chosen so that
 * the leading coefficient l_1 keeps its constant-step value Σ_{j=1}^{q} 1/j. The test constants scale
 * the corrector Δ_n (difference between corrected and predicted value) into estimates of the local
 * error at orders q, q−1 and q+1.
 */
final class BdfCoefficients {
  /** Newton convergence coefficient of CVODE: the iteration error must stay below 0.1 of the error test. */
  static final double NEWTON_COEFFICIENT = 0.1;

  private final double[] l;
  private double errorConstant;
  private double lowerOrderConstant = 1.0;
  private double higherOrderConstant;
  private double higherOrderRatio;

  BdfCoefficients(int maxOrder) {
    this.l = new double[maxOrder + 2];
  }

  /** l_0..l_q of the current step. */
  double[] l() {
    return l;
  }

  /** Local error estimate at order q = errorConstant · ||Δ_n||. */
  double errorConstant() {
    return errorConstant;
  }

  /** Local error estimate at order q−1 = lowerOrderConstant · ||z_q||. */
  double lowerOrderConstant() {
    return lowerOrderConstant;
  }

  /** Local error estimate at order q+1 = higherOrderConstant · ||Δ_n − c·Δ_{n−1}||. */
  double higherOrderConstant() {
    return higherOrderConstant;
  }

  /** Ratio used to relate the correctors of two consecutive steps in the order q+1 estimate. */
  double higherOrderRatio() {
    return higherOrderRatio;
  }

  /** Tolerance of the Newton convergence test in the weighted norm: 0.1 / errorConstant. */
  double newtonTolerance() {
    return NEWTON_COEFFICIENT / errorConstant;
  }

  /**
   * Computes the coefficients for a step of size h at order q.
   *
   * @param tau past step sizes, tau[1] the most recent
   * @param orderChangeDue true on the step after which an order change will be considered; only
   *     then are the order q−1 and q+1 constants refreshed (they keep their values otherwise)
   */
  void update(int q, double h, double[] tau, boolean orderChangeDue) {
    Arrays.fill(l, 0.0);
    l[0] = 1.0;
    l[1] = 1.0;
    double xiInverse = 1.0;
    double xiStarInverse = 1.0;
    // alpha0 = −Σ 1/j (constant-step leading coefficient), alpha0Hat = −Σ 1/ξ_j.
    double alpha0 = -1.0;
    double alpha0Hat = -1.0;
    double elapsed = h;
    if (q > 1) {
      for (int j = 2; j < q; j++) {
        elapsed += tau[j - 1];
        xiInverse = h / elapsed;
        alpha0 -= 1.0 / j;
        multiplyByLinearFactor(j, xiInverse);
      }
      alpha0 -= 1.0 / q;
      xiStarInverse = -l[1] - alpha0;
      elapsed += tau[q - 1];
      xiInverse = h / elapsed;
      alpha0Hat = -l[1] - xiInverse;
      multiplyByLinearFactor(q, xiStarInverse);
    }

    double a1 = 1.0 - alpha0Hat + alpha0;
    double a2 = 1.0 + q * a1;
    errorConstant = Math.abs(a1 / (alpha0 * a2));
    higherOrderRatio = Math.abs(a2 * xiStarInverse / (l[q] * xiInverse));
    if (orderChangeDue) {
      if (q > 1) {
        double c = xiStarInverse / l[q];
        double a3 = alpha0 + 1.0 / q;
        double a4 = alpha0Hat + xiInverse;
        double lowerInverse = (1.0 - a4 + a3) / a3;
        lowerOrderConstant = Math.abs(c * lowerInverse);
      } else {
        lowerOrderConstant = 1.0;
      }
      elapsed += tau[q];
      xiInverse = h / elapsed;
      double a5 = alpha0 - 1.0 / (q + 1);
      double a6 = alpha0Hat - xiInverse;
      double higherInverse = (1.0 - a6 + a5) / a2;
      higherOrderConstant = Math.abs(higherInverse / (xiInverse * (q + 2) * a5));
    }
  }

  /** l(x) ← l(x) · (1 + x·factor), for a polynomial of current degree degree−1. */
  private void multiplyByLinearFactor(int degree, double factor) {
    for (int i = degree; i >= 1; i--) {
      l[i] += l[i - 1] * factor;
    }
  }
}
