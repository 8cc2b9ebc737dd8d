package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.List;
import java.util.Objects;

/** Runs a stored global sensitivity analysis ({@link GlobalSensitivityJobRequest}) as a job attempt. */
public final class GlobalSensitivityJobs {
  private final SimulationEngine engine;
  private final int parallelism;

  /**
   * @param engine the engine the runs go through
   * @param parallelism simulations of one analysis at a time, ≥ 1
   */
  public GlobalSensitivityJobs(SimulationEngine engine, int parallelism) {
    this.engine = Objects.requireNonNull(engine, "engine");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  /**
   * Plans (again, against the stored revision) and runs the analysis of {@code simulation}.
   *
   * @param body the stored request
   * @return the analysis' CSV ({@link GlobalSensitivityCsv})
   */
  public String run(SimulationSpec simulation, String body, RunControl control) {
    GlobalSensitivityJobRequest request = GlobalSensitivityJobRequest.decode(body);
    GlobalAnalysisPlan plan = new GlobalAnalysisPlanner(engine).plan(simulation, request, List.of());
    GlobalSensitivityResults results =
        new GlobalSensitivityAnalysis(engine, new PkParameterCalculator(), parallelism).run(plan, control);
    return GlobalSensitivityCsv.toCsv(results.method(), results.rows());
  }
}
