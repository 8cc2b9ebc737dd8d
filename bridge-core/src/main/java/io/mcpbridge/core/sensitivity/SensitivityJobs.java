package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.Objects;

/** Runs a stored sensitivity analysis ({@link SensitivityJobRequest}) as a job attempt. */
public final class SensitivityJobs {
  private final SimulationEngine engine;
  private final PathPatterns patterns;
  private final int parallelism;

  /**
   * @param engine the engine the runs go through
   * @param patterns compiles parameter path patterns
   * @param parallelism simulations of one analysis at a time, ≥ 1
   */
  public SensitivityJobs(SimulationEngine engine, PathPatterns patterns, int parallelism) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.patterns = Objects.requireNonNull(patterns, "patterns");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  /**
   * Plans and runs the analysis of {@code simulation}.
   *
   * @param body the stored request
   * @return OSP's CSV of every sensitivity (NaN ones included)
   */
  public String run(SimulationSpec simulation, String body, RunControl control) {
    SensitivityJobRequest request = SensitivityJobRequest.decode(body);
    SensitivityPlan plan = new SensitivityPlanner(engine, patterns).plan(request.toRequest(simulation));
    PkOptions pk = PkOptions.defaults().withTerminalPhaseFit(request.terminalPhase());
    SensitivityResults results =
        new LocalSensitivityAnalysis(engine, new PkParameterCalculator(), pk, parallelism).run(plan, control);
    return SensitivityCsv.toCsv(results.entries());
  }
}
