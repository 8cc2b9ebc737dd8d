package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.engine.pkml.solver.StepMonitor;
import java.util.List;
import java.util.Map;

/**
 * What one run needs beyond the model.
 *
 * @param overrides slot values set before the run, in order (later wins)
 * @param outputSlots slots to report
 * @param outputTimes user output times, starting with 0
 * @param solver solver settings
 * @param monitor called after every integrator step
 */
record RunRequest(Map<Integer, Double> overrides, int[] outputSlots, double[] outputTimes, SolverSettings solver,
    StepMonitor monitor) {
  RunRequest {
    overrides = Map.copyOf(overrides);
  }

  static List<Integer> none() {
    return List.of();
  }
}
