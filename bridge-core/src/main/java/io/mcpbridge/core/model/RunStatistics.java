package io.mcpbridge.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work a run took.
 *
 * @param steps accepted integrator steps
 * @param rhsEvaluations right-hand-side evaluations
 * @param jacobianEvaluations Jacobian evaluations
 * @param errorTestFailures rejected steps (local error test)
 * @param convergenceFailures Newton convergence failures
 * @param wallTime elapsed time of the run
 */
public record RunStatistics(
    long steps,
    long rhsEvaluations,
    long jacobianEvaluations,
    long errorTestFailures,
    long convergenceFailures,
    Duration wallTime) {
  public RunStatistics {
    Objects.requireNonNull(wallTime, "wallTime");
  }
}
