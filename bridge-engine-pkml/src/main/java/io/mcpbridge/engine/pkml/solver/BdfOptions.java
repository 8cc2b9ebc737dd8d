package io.mcpbridge.engine.pkml.solver;

import java.util.Objects;

/**
 * Settings of the BDF integrator, with the meaning CVODE gives them.
 *
 * @param relTol scalar relative tolerance
 * @param absTol absolute tolerance per unknown (already multiplied by its scale divisor)
 * @param h0 initial step size (after every re-initialisation); 0 = estimated as CVODE does
 * @param hMin minimum step size (0 = none)
 * @param hMax maximum step size
 * @param maxSteps maximum number of internal steps per {@code integrateTo} call
 * @param maxOrder highest BDF order, 1 to 5
 */
public record BdfOptions(
    double relTol, double[] absTol, double h0, double hMin, double hMax, long maxSteps, int maxOrder) {
  public BdfOptions {
    Objects.requireNonNull(absTol, "absTol");
    if (!(relTol > 0)) {
      throw new IllegalArgumentException("relTol must be positive");
    }
    for (double a : absTol) {
      if (!(a > 0)) {
        throw new IllegalArgumentException("every absTol must be positive");
      }
    }
    if (!(h0 >= 0) || Double.isInfinite(h0) || !(hMin >= 0) || !(hMax > 0) || hMin > hMax || maxSteps <= 0) {
      throw new IllegalArgumentException("invalid step settings");
    }
    if (maxOrder < 1 || maxOrder > 5) {
      throw new IllegalArgumentException("maxOrder must be 1..5");
    }
  }
}
