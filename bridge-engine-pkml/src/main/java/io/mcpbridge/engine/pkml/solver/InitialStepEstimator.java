package io.mcpbridge.engine.pkml.solver;

/**
 * CVODE's estimate of the first step when no initial step is given (H0 = 0), as published in the
 * CVODE user guide ("Mathematical considerations", initial step) and Hindmarsh et al., ACM TOMS
 * 31(3), 2005: the step h for which a first-order step's local error ½h²·‖y''‖ is about 1 in the
 * weighted RMS norm.
 *
 * <p>Bounds: from below 100 rounding units of the larger of |t0| and |tOut|; from above a tenth of
 * the distance to tOut, further limited so that a forward-Euler step changes no component by more
 * than a tenth of its magnitude plus its absolute tolerance. y'' is estimated by the difference
 * quotient (f(t0 + h, y0 + h·y0') − y0')/h at the geometric mean of the bounds; the proposal
 * h = √(2/‖y''‖) (or √(h·upper) when that would exceed the upper bound) is fed back at most four
 * times, until it changes by less than a factor of two, and half of it is used ("bias" ½). A right-
 * hand side that is not finite at the trial point counts as CVODE's recoverable failure: the trial
 * step is cut to a fifth.
 *
 * <p>Used once per (re-)initialisation; not thread-safe (it shares the integrator's work arrays).
 */
final class InitialStepEstimator {
  private static final double ROUNDING_UNIT = Math.ulp(1.0);
  private static final double LOWER_BOUND_FACTOR = 100.0;
  private static final double UPPER_BOUND_FACTOR = 0.1;
  private static final int MAX_ITERATIONS = 4;
  private static final double BIAS = 0.5;
  private static final double FAILURE_CUT = 0.2;

  private final NewtonCorrector rhs;
  private final double[] weights;
  private final double[] work;

  /**
   * @param rhs evaluates (and counts) right-hand sides
   * @param weights error weights of the start state
   * @param work scratch of the system's size, overwritten
   */
  InitialStepEstimator(NewtonCorrector rhs, double[] weights, double[] work) {
    this.rhs = rhs;
    this.weights = weights;
    this.work = work;
  }

  /**
   * The first step from (t0, y0) with derivative f0 towards tOut (before hMin/hMax are applied).
   *
   * @throws SolverException if tOut is too close to t0 to start, or no trial point has a finite
   *     right-hand side
   */
  double estimate(double t0, double tOut, double[] y0, double[] f0) {
    double distance = Math.abs(tOut - t0);
    double sign = tOut >= t0 ? 1.0 : -1.0;
    double rounding = ROUNDING_UNIT * Math.max(Math.abs(t0), Math.abs(tOut));
    if (distance < 2.0 * rounding) {
      throw new SolverException("the first output time " + tOut + " is too close to the start " + t0
          + " to estimate an initial step", t0);
    }
    double lower = LOWER_BOUND_FACTOR * rounding;
    double upper = upperBound(distance, y0, f0);
    double trial = Math.sqrt(lower * upper);
    if (upper < lower) {
      return sign * trial;
    }

    double proposal = trial;
    double lastFeasible = trial;
    boolean accepted = false;
    for (int pass = 1; pass <= MAX_ITERATIONS; pass++) {
      double norm = Double.NaN;
      boolean feasible = false;
      for (int attempt = 1; attempt <= MAX_ITERATIONS; attempt++) {
        norm = secondDerivativeNorm(t0, sign * trial, y0, f0);
        if (!Double.isNaN(norm)) {
          feasible = true;
          break;
        }
        trial *= FAILURE_CUT;
      }
      if (!feasible) {
        if (pass <= 2) {
          throw new SolverException("the right-hand side is not finite near the start state, so no initial"
              + " step can be estimated", t0);
        }
        // An earlier proposal went through the right-hand side: fall back on it.
        proposal = lastFeasible;
        break;
      }
      lastFeasible = trial;
      if (accepted || pass == MAX_ITERATIONS) {
        proposal = trial;
        break;
      }
      proposal = norm * upper * upper > 2.0 ? Math.sqrt(2.0 / norm) : Math.sqrt(trial * upper);
      double ratio = proposal / trial;
      if (ratio > 0.5 && ratio < 2.0) {
        accepted = true;
      }
      // After the first pass a proposal growing by more than 2 means y'' is unreliable: keep the trial.
      if (pass > 1 && ratio > 2.0) {
        proposal = trial;
        accepted = true;
      }
      trial = proposal;
    }
    double h = BIAS * proposal;
    h = Math.max(h, lower);
    h = Math.min(h, upper);
    return sign * h;
  }

  /**
   * The smaller of a tenth of the distance and the step whose forward-Euler change stays below a
   * tenth of |y0| plus the absolute part of the tolerance in every component.
   */
  private double upperBound(double distance, double[] y0, double[] f0) {
    double inverse = 0.0;
    for (int i = 0; i < y0.length; i++) {
      double allowed = UPPER_BOUND_FACTOR * Math.abs(y0[i]) + 1.0 / weights[i];
      inverse = Math.max(inverse, Math.abs(f0[i]) / allowed);
    }
    double upper = UPPER_BOUND_FACTOR * distance;
    return upper * inverse > 1.0 ? 1.0 / inverse : upper;
  }

  /** ‖(f(t0 + h, y0 + h·f0) − f0)/h‖ in the weighted RMS norm; NaN if that right-hand side is not finite. */
  private double secondDerivativeNorm(double t0, double h, double[] y0, double[] f0) {
    int n = y0.length;
    double[] trialState = new double[n];
    for (int i = 0; i < n; i++) {
      trialState[i] = h * f0[i] + y0[i];
    }
    try {
      rhs.evaluateRhs(t0 + h, trialState, work);
    } catch (SolverException notFinite) {
      return Double.NaN;
    }
    double inverseStep = 1.0 / h;
    for (int i = 0; i < n; i++) {
      work[i] = (work[i] - f0[i]) * inverseStep;
    }
    return WeightedNorm.rms(work, weights);
  }
}
