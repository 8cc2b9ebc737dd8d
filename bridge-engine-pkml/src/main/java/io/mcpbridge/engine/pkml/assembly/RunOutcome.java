package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.solver.SolverStatistics;

/**
 * Raw result of a run.
 *
 * @param times output times in minutes (full precision)
 * @param values values[output][time] in base units (full precision)
 * @param statistics integrator counters (null if the model has no unknowns)
 */
public record RunOutcome(double[] times, double[][] values, SolverStatistics statistics) {}
