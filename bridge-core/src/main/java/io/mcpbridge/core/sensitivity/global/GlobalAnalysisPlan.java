package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.model.SimulationSpec;
import java.util.List;
import java.util.Objects;

/**
 * A validated global analysis, ready to run.
 *
 * @param baseline the simulation every sample starts from: the job's revision with the baseline
 *     values and the analysed outputs
 * @param request the request, as stored
 * @param responses the responses, each output's PK parameters then its times; an empty PK
 *     selection is resolved when the first run shows which PK parameters the calculator returns
 * @param allPkParameters true if every PK parameter the calculator returns is a response
 */
public record GlobalAnalysisPlan(
    SimulationSpec baseline, GlobalSensitivityJobRequest request, List<GlobalResponse> responses,
    boolean allPkParameters) {
  public GlobalAnalysisPlan {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(request, "request");
    responses = List.copyOf(responses);
  }

  /** Model evaluations of the design: N·(k + 2) for Sobol, r·(k + 1) for Morris. */
  public int evaluations() {
    int k = request.parameters().size();
    return request.method() == GlobalMethod.SOBOL ? request.samples() * (k + 2) : request.samples() * (k + 1);
  }

  /** The analysed output paths. */
  public List<String> outputs() {
    return baseline.outputs();
  }
}
