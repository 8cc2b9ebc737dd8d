package io.mcpbridge.engine.pkml.solver;

import java.util.Arrays;

/**
 * Newton iteration on the BDF corrector equation with the matrix M = I − γJ, following the
 * strategy of the CVODE user guide ("Mathematical considerations"):
 *
 * <ul>
 *   <li>at most 3 iterations; convergence when R·||δ_m|| ≤ 0.1/C_q (C_q the error-test constant),
 *       with the rate estimate R = max(0.3·R, ||δ_m||/||δ_{m−1}||) kept across steps and reset to 1
 *       whenever M is rebuilt; divergence when ||δ_m|| > 2·||δ_{m−1}||;
 *   <li>M is rebuilt and factored at the first step, after any failure, every 20 steps, or when γ
 *       has changed by more than 30 % since the last factorisation;
 *   <li>J itself is re-evaluated only at the first step, after 51 steps, after a convergence failure
 *       that was not explained by a large change of γ, or after a failure that forced a step
 *       reduction; otherwise the stored J is reused;
 *   <li>with a stale M the Newton update is scaled by 2/(1 + γ/γ_M) to compensate the change of γ;
 *   <li>a failed iteration with an out-of-date Jacobian is retried once with a fresh Jacobian
 *       before a convergence failure is reported.
 * </ul>
 */
final class NewtonCorrector {
  /** Why the step is being attempted, which drives the Jacobian reuse decision. */
  enum Attempt {
    FIRST,
    AFTER_CONVERGENCE_FAILURE,
    AFTER_ERROR_TEST_FAILURE
  }

  private static final int MAX_ITERATIONS = 3;
  private static final double RATE_DECAY = 0.3;
  private static final double DIVERGENCE_RATIO = 2.0;
  private static final long STEPS_BETWEEN_SETUPS = 20;
  private static final long STEPS_BETWEEN_JACOBIANS = 51;
  private static final double GAMMA_CHANGE_FOR_SETUP = 0.3;
  private static final double GAMMA_CHANGE_FOR_JACOBIAN = 0.2;

  private enum JacobianRequest {
    NO_FAILURE,
    BAD_JACOBIAN,
    OTHER_FAILURE
  }

  private final OdeSystem system;
  private final int n;
  private final double[][] jacobian;
  /** Per row, the columns where the stored Jacobian or the identity is nonzero: the pattern of M. */
  private final int[][] matrixPattern;
  private final DenseLu lu;
  private final double[] correction;
  private final double[] delta;
  private final double[] derivative;
  private final double[] iterate;

  private double gammaAtSetup;
  private long stepAtSetup;
  private long stepAtJacobian;
  private double rate = 1.0;
  private double previousNorm;
  private double correctionNorm;

  private long rhsEvaluations;
  private long jacobianEvaluations;
  private long luDecompositions;

  NewtonCorrector(OdeSystem system) {
    this.system = system;
    this.n = system.size();
    this.jacobian = new double[n][n];
    this.matrixPattern = new int[n][];
    this.lu = new DenseLu(n);
    this.correction = new double[n];
    this.delta = new double[n];
    this.derivative = new double[n];
    this.iterate = new double[n];
  }

  /** Forgets the step counters tied to the previous history (after a re-initialisation). */
  void restart() {
    stepAtSetup = 0;
    stepAtJacobian = 0;
    rate = 1.0;
  }

  /**
   * The ratio γ/γ_M between the current γ and the one M was built with (1 on the first step, where
   * γ_M is set to γ).
   */
  double gammaRatio(double gamma, long step) {
    if (step == 0) {
      gammaAtSetup = gamma;
      return 1.0;
    }
    return gamma / gammaAtSetup;
  }

  /** The converged corrector Δ_n = y_n − y_n(0) (live array). */
  double[] correction() {
    return correction;
  }

  /** Weighted norm of the converged corrector. */
  double correctionNorm() {
    return correctionNorm;
  }

  long rhsEvaluations() {
    return rhsEvaluations;
  }

  long jacobianEvaluations() {
    return jacobianEvaluations;
  }

  long luDecompositions() {
    return luDecompositions;
  }

  /**
   * Solves the corrector equation of the step to time t.
   *
   * @param predicted z_0 after prediction
   * @param scaledDerivative z_1 after prediction
   * @param rl1 1/l_1
   * @param gamma h/l_1
   * @param gammaRatio γ/γ_M from {@link #gammaRatio}
   * @param tolerance Newton convergence tolerance in the weighted norm
   * @param step number of steps completed since the last re-initialisation
   * @return true if converged; false on a (recoverable) convergence failure
   */
  boolean solve(
      double t,
      double[] predicted,
      double[] scaledDerivative,
      double rl1,
      double gamma,
      double gammaRatio,
      double[] weights,
      double tolerance,
      long step,
      Attempt attempt) {
    JacobianRequest request =
        attempt == Attempt.AFTER_CONVERGENCE_FAILURE ? JacobianRequest.OTHER_FAILURE : JacobianRequest.NO_FAILURE;
    boolean setup =
        attempt != Attempt.FIRST
            || step == 0
            || step >= stepAtSetup + STEPS_BETWEEN_SETUPS
            || Math.abs(gammaRatio - 1.0) > GAMMA_CHANGE_FOR_SETUP;
    double ratio = gammaRatio;
    Arrays.fill(correction, 0.0);
    while (true) {
      boolean jacobianCurrent = false;
      residual(t, predicted, scaledDerivative, rl1, gamma);
      boolean matrixOk = true;
      if (setup) {
        jacobianCurrent = buildMatrix(t, predicted, gamma, step, request);
        matrixOk = lu.factor(matrixPattern);
        ratio = 1.0;
      }
      if (matrixOk && iterate(t, predicted, scaledDerivative, rl1, gamma, ratio, weights, tolerance)) {
        return true;
      }
      if (jacobianCurrent) {
        return false;
      }
      // Failure with a Jacobian that may be out of date: retry once with a fresh one.
      setup = true;
      request = JacobianRequest.BAD_JACOBIAN;
      Arrays.fill(correction, 0.0);
    }
  }

  private boolean iterate(
      double t,
      double[] predicted,
      double[] scaledDerivative,
      double rl1,
      double gamma,
      double ratio,
      double[] weights,
      double tolerance) {
    double stalenessScale = ratio != 1.0 ? 2.0 / (1.0 + ratio) : 1.0;
    for (int m = 0; ; m++) {
      for (int i = 0; i < n; i++) {
        delta[i] = -delta[i];
      }
      lu.solve(delta);
      if (stalenessScale != 1.0) {
        for (int i = 0; i < n; i++) {
          delta[i] *= stalenessScale;
        }
      }
      for (int i = 0; i < n; i++) {
        correction[i] += delta[i];
      }
      double norm = WeightedNorm.rms(delta, weights);
      if (m > 0) {
        rate = Math.max(RATE_DECAY * rate, norm / previousNorm);
      }
      if (norm * Math.min(1.0, rate) / tolerance <= 1.0) {
        correctionNorm = m == 0 ? norm : WeightedNorm.rms(correction, weights);
        return true;
      }
      if (m >= 1 && norm > DIVERGENCE_RATIO * previousNorm) {
        return false;
      }
      previousNorm = norm;
      if (m + 1 >= MAX_ITERATIONS) {
        return false;
      }
      residual(t, predicted, scaledDerivative, rl1, gamma);
    }
  }

  /** delta = (1/l_1)·z_1 + Δ − γ·f(t, z_0 + Δ): the corrector residual at the current iterate. */
  private void residual(double t, double[] predicted, double[] scaledDerivative, double rl1, double gamma) {
    for (int i = 0; i < n; i++) {
      iterate[i] = predicted[i] + correction[i];
    }
    evaluateRhs(t, iterate, derivative);
    for (int i = 0; i < n; i++) {
      delta[i] = rl1 * scaledDerivative[i] + correction[i];
      delta[i] = -gamma * derivative[i] + delta[i];
    }
  }

  void evaluateRhs(double t, double[] y, double[] dydt) {
    system.rhs(t, y, dydt);
    rhsEvaluations++;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(dydt[i])) {
        throw new SolverException("non-finite right-hand side in component " + i, t);
      }
    }
  }

  private void findMatrixPattern() {
    int[] columns = new int[n];
    for (int i = 0; i < n; i++) {
      double[] row = jacobian[i];
      int count = 0;
      for (int j = 0; j < n; j++) {
        if (row[j] != 0.0 || j == i) {
          columns[count++] = j;
        }
      }
      matrixPattern[i] = Arrays.copyOf(columns, count);
    }
  }

  /** Builds M = I − γJ, re-evaluating J if needed; returns whether J was evaluated now. */
  private boolean buildMatrix(double t, double[] y, double gamma, long step, JacobianRequest request) {
    double gammaChange = Math.abs(gamma / gammaAtSetup - 1.0);
    boolean evaluate =
        step == 0
            || step >= stepAtJacobian + STEPS_BETWEEN_JACOBIANS
            || (request == JacobianRequest.BAD_JACOBIAN && gammaChange < GAMMA_CHANGE_FOR_JACOBIAN)
            || request == JacobianRequest.OTHER_FAILURE;
    if (evaluate) {
      for (double[] row : jacobian) {
        Arrays.fill(row, 0.0);
      }
      system.jacobian(t, y, jacobian);
      jacobianEvaluations++;
      stepAtJacobian = step;
      findMatrixPattern();
    }
    // M = I − γJ; entries outside the pattern are products with zero and stay zero.
    lu.clear();
    double[][] m = lu.matrix();
    for (int i = 0; i < n; i++) {
      double[] target = m[i];
      double[] source = jacobian[i];
      for (int j : matrixPattern[i]) {
        target[j] = -gamma * source[j];
      }
      target[i] += 1.0;
    }
    luDecompositions++;
    gammaAtSetup = gamma;
    rate = 1.0;
    stepAtSetup = step;
    return evaluate;
  }
}
