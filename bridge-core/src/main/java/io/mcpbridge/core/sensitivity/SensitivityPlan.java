package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.model.SimulationSpec;
import java.util.List;
import java.util.Objects;

/**
 * A validated analysis, ready to run.
 *
 * @param baseline the unperturbed simulation: the request's simulation with the baseline values
 *     and the analysed outputs
 * @param parameters the varied parameters in order
 * @param outputs the analysed outputs
 * @param pkParameters the PK parameter names reported; empty means all
 * @param steps n
 * @param range the variation range
 */
public record SensitivityPlan(
    SimulationSpec baseline,
    List<SensitivityParameter> parameters,
    List<String> outputs,
    List<String> pkParameters,
    int steps,
    double range) {
  public SensitivityPlan {
    Objects.requireNonNull(baseline, "baseline");
    parameters = List.copyOf(parameters);
    outputs = List.copyOf(outputs);
    pkParameters = List.copyOf(pkParameters);
  }

  /** Simulations the analysis makes: the unperturbed one plus 2n per parameter. */
  public int runs() {
    return 1 + parameters.size() * 2 * steps;
  }
}
