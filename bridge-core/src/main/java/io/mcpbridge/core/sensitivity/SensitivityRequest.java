package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a local sensitivity analysis should do.
 *
 * @param simulation the simulation as it stands (model plus the values already set)
 * @param baseline values applied on top before anything is varied, e.g. one individual of a
 *     population; they become the baseline P0 of the parameters they set
 * @param parameters parameter paths or OSP wildcard patterns to vary; empty means every eligible
 *     parameter (constant, or a formula parameter with a set value, and used by the simulation)
 * @param steps n ≥ 1 variation steps on each side
 * @param range variation range, 0 &lt; range &lt; 1 (f_i = 1 + range·i/n)
 * @param outputs output paths; empty means the simulation's outputs
 * @param pkParameters PK parameter names to report; empty means all the calculator produces
 */
public record SensitivityRequest(
    SimulationSpec simulation,
    List<ParameterOverride> baseline,
    List<String> parameters,
    int steps,
    double range,
    List<String> outputs,
    List<String> pkParameters) {
  /** OSP's default number of steps. */
  public static final int DEFAULT_STEPS = 2;
  /** OSP's default variation range. */
  public static final double DEFAULT_RANGE = 0.1;
  /** OSP's default cumulative threshold of {@code allPKParameterSensitivitiesFor}. */
  public static final double DEFAULT_THRESHOLD = 0.9;

  public SensitivityRequest {
    Objects.requireNonNull(simulation, "simulation");
    baseline = List.copyOf(baseline);
    parameters = List.copyOf(parameters);
    outputs = List.copyOf(outputs);
    pkParameters = List.copyOf(pkParameters);
  }

  /** OSP's defaults (every eligible parameter, 2 steps, range 0.1, every output and PK parameter). */
  public static SensitivityRequest defaults(SimulationSpec simulation) {
    return new SensitivityRequest(simulation, List.of(), List.of(), DEFAULT_STEPS, DEFAULT_RANGE, List.of(), List.of());
  }
}
