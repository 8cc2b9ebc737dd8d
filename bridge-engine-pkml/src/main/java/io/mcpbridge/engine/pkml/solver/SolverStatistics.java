package io.mcpbridge.engine.pkml.solver;

/**
 * Counters of a {@link BdfIntegrator}, accumulated since its construction (across re-initialisations).
 *
 * @param steps accepted internal steps
 * @param rhsEvaluations right-hand-side evaluations
 * @param jacobianEvaluations Jacobian evaluations
 * @param luDecompositions factorisations of the Newton matrix I − γJ
 * @param errorTestFailures local error test failures
 * @param convergenceFailures Newton convergence failures (step retried with a smaller step)
 * @param lastOrder order used on the last accepted step (0 before the first step)
 * @param lastStepSize size of the last accepted step (0 before the first step)
 */
public record SolverStatistics(
    long steps,
    long rhsEvaluations,
    long jacobianEvaluations,
    long luDecompositions,
    long errorTestFailures,
    long convergenceFailures,
    int lastOrder,
    double lastStepSize) {}
