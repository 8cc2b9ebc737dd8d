package io.mcpbridge.engine.pkml.solver;

/**
 * The integrator could not proceed: repeated error-test or convergence failures, too many steps,
 * a step size below the minimum, or a non-finite right-hand side. The message says which, and at
 * what time.
 */
public class SolverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The time at which the integrator gave up. */
  private final double time;

  public SolverException(String message, double time) {
    super(message + " at t = " + time);
    this.time = time;
  }

  /** The time at which the integrator gave up. */
  public double time() {
    return time;
  }
}
