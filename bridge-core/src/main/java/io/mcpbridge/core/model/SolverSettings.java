package io.mcpbridge.core.model;

/**
 * Integrator settings as stored in a model file (OSP's CVODES parameters) plus the run options.
 *
 * @param absTol absolute tolerance (per scaled variable)
 * @param relTol relative tolerance
 * @param useJacobian use the exact Jacobian (otherwise difference quotients)
 * @param h0 initial step size in minutes; 0 lets the integrator estimate the first step (CVODE's rule)
 * @param hMin minimum step size in minutes (0 = none)
 * @param hMax maximum step size in minutes
 * @param mxStep maximum number of steps between two output points
 * @param checkNegativeValues abort when an amount that may not be negative drops clearly below 0
 */
public record SolverSettings(
    double absTol,
    double relTol,
    boolean useJacobian,
    double h0,
    double hMin,
    double hMax,
    long mxStep,
    boolean checkNegativeValues) {
  public SolverSettings {
    if (!(absTol > 0) || !(relTol > 0)) {
      throw new IllegalArgumentException("tolerances must be positive");
    }
    if (!(h0 >= 0) || Double.isInfinite(h0) || !(hMin >= 0) || !(hMax > 0) || mxStep <= 0) {
      throw new IllegalArgumentException("step settings must be positive (H0 may be 0: estimated)");
    }
  }

  /** OSP Core's factory defaults (MoBi): 1e-9 / 1e-4, Jacobian on, H0 1e-10, HMax 60, 100000 steps. */
  public static SolverSettings ospDefaults() {
    return new SolverSettings(1e-9, 1e-4, true, 1e-10, 0, 60, 100_000, true);
  }

  /** A copy with other tolerances. */
  public SolverSettings withTolerances(double newAbsTol, double newRelTol) {
    return new SolverSettings(newAbsTol, newRelTol, useJacobian, h0, hMin, hMax, mxStep, checkNegativeValues);
  }
}
