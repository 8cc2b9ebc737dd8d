package io.mcpbridge.engine.pkml.solver.oracle;

import java.util.List;

/**
 * What an integrator produced on a run over fixed time points.
 *
 * @param steps every accepted internal step, in order
 * @param states the solution at each time point (interpolated), [point][unknown]
 * @param errorTestFailures local error test failures
 * @param convergenceFailures nonlinear solver convergence failures
 * @param jacobianEvaluations Jacobian evaluations
 * @param setups factorisations of the Newton matrix
 */
public record Trajectory(List<StepRecord> steps, double[][] states, long errorTestFailures, long convergenceFailures,
    long jacobianEvaluations, long setups) {}
