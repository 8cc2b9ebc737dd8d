package io.mcpbridge.engine.pkml.solver;

/**
 * A first-order ODE system y' = f(t, y) with an exact Jacobian. Implementations need not be
 * thread-safe: an integrator owns its system for the duration of a run.
 */
public interface OdeSystem {

  /** Number of unknowns. */
  int size();

  /**
   * Evaluates the right-hand side.
   *
   * @param t time
   * @param y state, length {@link #size()}; must not be modified
   * @param dydt receives f(t, y)
   */
  void rhs(double t, double[] y, double[] dydt);

  /**
   * Evaluates the Jacobian ∂f/∂y.
   *
   * @param t time
   * @param y state; must not be modified
   * @param jacobian receives {@code jacobian[i][j] = ∂f_i/∂y_j}; all entries are zero on entry
   */
  void jacobian(double t, double[] y, double[][] jacobian);
}
