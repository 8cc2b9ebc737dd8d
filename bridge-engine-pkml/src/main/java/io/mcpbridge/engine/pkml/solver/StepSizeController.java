package io.mcpbridge.engine.pkml.solver;

/**
 * Step-size ratios (eta = h_new/h) of CVODE's step and order selection, with the constants of the
 * CVODE user guide ("Mathematical considerations"): each candidate order's ratio is
 * 1/((bias·E)^(1/(order+1)) + 10⁻⁶) for a local error estimate E in the weighted norm, with the
 * conservative biases 6 (orders q−1 and q) and 10 (order q+1).
 */
final class StepSizeController {
  /** A step-size increase below this ratio is not worth the change (and a decrease is never taken after success). */
  static final double MIN_WORTHWHILE_GROWTH = 1.5;
  /** Largest growth allowed on the very first step after a (re-)initialisation. */
  static final double MAX_GROWTH_FIRST_STEP = 10000.0;
  /** Largest growth allowed on later steps. */
  static final double MAX_GROWTH = 10.0;
  /** Reduction after a Newton convergence failure. */
  static final double CONVERGENCE_FAILURE_RATIO = 0.25;
  /** Smallest ratio after an error-test failure. */
  static final double MIN_RATIO_AFTER_ERROR = 0.1;
  /** Largest ratio from the second error-test failure of a step on. */
  static final double MAX_RATIO_AFTER_REPEATED_ERRORS = 0.2;
  /** Error-test failures of one step from which the reduction is capped at 0.2. */
  static final int ERROR_FAILURES_FOR_CAP = 2;
  /** Error-test failures of one step after which the order is forced down. */
  static final int ERROR_FAILURES_BEFORE_ORDER_DROP = 3;

  private static final double BIAS_LOWER = 6.0;
  private static final double BIAS_SAME = 6.0;
  private static final double BIAS_HIGHER = 10.0;
  private static final double ADDON = 1.0e-6;

  private StepSizeController() {}

  /** Ratio for keeping order q, given the scaled local error estimate (1 = at tolerance). */
  static double sameOrder(double errorEstimate, int q) {
    return 1.0 / (Math.pow(BIAS_SAME * errorEstimate, 1.0 / (q + 1)) + ADDON);
  }

  /** Ratio for dropping to order q−1 (0 at order 1). */
  static double lowerOrder(double errorEstimate, int q) {
    if (q <= 1) {
      return 0.0;
    }
    return 1.0 / (Math.pow(BIAS_LOWER * errorEstimate, 1.0 / q) + ADDON);
  }

  /** Ratio for raising to order q+1. */
  static double higherOrder(double errorEstimate, int q) {
    return 1.0 / (Math.pow(BIAS_HIGHER * errorEstimate, 1.0 / (q + 2)) + ADDON);
  }

  /** Ratio after the given error-test failure count of the current step. */
  static double afterErrorFailure(double errorEstimate, int q, int failures, double hMinRatio) {
    double eta = sameOrder(errorEstimate, q);
    eta = Math.max(MIN_RATIO_AFTER_ERROR, Math.max(eta, hMinRatio));
    if (failures >= ERROR_FAILURES_FOR_CAP) {
      eta = Math.min(eta, MAX_RATIO_AFTER_REPEATED_ERRORS);
    }
    return eta;
  }

  /** x^k by repeated multiplication (k ≥ 0). */
  static double integerPower(double x, int k) {
    double p = 1.0;
    for (int i = 0; i < k; i++) {
      p *= x;
    }
    return p;
  }
}
