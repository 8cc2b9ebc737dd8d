package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.GetSensitivityResultsTool;
import io.mcpbridge.core.service.tools.GetSimulationResultsTool;
import io.mcpbridge.core.service.tools.RunSensitivityAnalysisTool;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * run_sensitivity_analysis and get_sensitivity_results through the tool invoker, on the real
 * engine and the bundled one-compartment IV bolus (C = A0/V·e^(−CL/V·t)): C_max = A0/V, so its
 * sensitivity to V is OSP's averaged finite difference of 1/P (−1.0028680, §2.7) and to CL is 0.
 */
class SensitivityToolsTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final String CONCENTRATION = "Organism|Central|Drug|Concentration";
  private final BridgeFixture bridge = new BridgeFixture();

  private RunSensitivityAnalysisTool.Output submit(Optional<List<String>> parameters, Optional<Integer> steps,
      Optional<Double> range, Optional<List<ParameterOverride>> baseline) {
    return bridge.call("run_sensitivity_analysis", new RunSensitivityAnalysisTool.Input("iv", Optional.empty(),
        parameters, steps, range, Optional.of(List.of(CONCENTRATION)), Optional.empty(), baseline, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()), ALICE, RunSensitivityAnalysisTool.Output.class);
  }

  private GetSensitivityResultsTool.Output results(String resultsId, Optional<Double> threshold) {
    return bridge.call("get_sensitivity_results", new GetSensitivityResultsTool.Input(resultsId, threshold,
        Optional.empty(), Optional.empty()), ALICE, GetSensitivityResultsTool.Output.class);
  }

  private static double value(GetSensitivityResultsTool.Output out, String pk, String pathEnd) {
    return out.sensitivities().stream()
        .filter(e -> e.pkParameter().equals(pk) && e.parameterPath().endsWith(pathEnd))
        .findFirst().orElseThrow().value();
  }

  @Test
  void aSensitivityJobRunsDurablyAndReportsOspsNumbers() {
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    RunSensitivityAnalysisTool.Output job = submit(Optional.of(List.of("Organism|Central|Volume", "**|CL")),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(job.status()).isEqualTo("queued");
    assertThat(job.runs()).isEqualTo(9);
    assertThat(job.parameterPaths()).hasSize(2).contains("Organism|Central|Volume");
    bridge.backend.runNext();

    GetJobStatusTool.Output status = bridge.call("get_job_status", new GetJobStatusTool.Input(job.jobId()), ALICE,
        GetJobStatusTool.Output.class);
    assertThat(status.status()).isEqualTo(JobState.SUCCEEDED.wireName());
    String resultsId = status.resultHandle().orElseThrow().resultsId();
    GetSensitivityResultsTool.Output out = results(resultsId, Optional.empty());

    // Float32 results (as OSP stores them) leave ~1e-6 in S.
    assertThat(value(out, "C_max", "Volume")).isCloseTo(-1.0028680, within(1e-5));
    assertThat(value(out, "C_max", "CL")).isEqualTo(0.0);
    // AUC_inf = A0/CL whatever V: close to OSP's finite difference of 1/CL (trapezoid and tail add a little).
    assertThat(value(out, "AUC_inf", "CL")).isCloseTo(-1.0028680, within(2e-2));
    assertThat(out.csv()).startsWith("\"QuantityPath\",\"Parameter\",\"PKParameter\",\"Value\",\"ParameterPath\"\n");
    assertThat(out.count()).isEqualTo(out.sensitivities().size()).isEqualTo(out.csv().split("\n").length - 1);
    // The threshold keeps the dominant parameter of C_max only.
    assertThat(results(resultsId, Optional.of(0.9)).sensitivities().stream().filter(e -> e.pkParameter().equals("C_max")))
        .extracting(GetSensitivityResultsTool.Entry::parameterPath).containsExactly("Organism|Central|Volume");
    // A sensitivity result is not a simulation result, and the other way round.
    assertThatThrownBy(() -> bridge.call("get_simulation_results", new GetSimulationResultsTool.Input(resultsId,
        Optional.empty()), ALICE, GetSimulationResultsTool.Output.class)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void baselineValuesAreTheCentreOfTheVariations() {
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    String atFileValue = resultsIdOf(submit(Optional.of(List.of("Organism|Central|Volume")), Optional.of(1),
        Optional.of(0.2), Optional.empty()));
    String atBaseline = resultsIdOf(submit(Optional.of(List.of("Organism|Central|Volume")), Optional.of(1),
        Optional.of(0.2), Optional.of(List.of(new ParameterOverride("Organism|Central|Volume", 30.0)))));

    // n = 1, range 0.2, PK = A0/V: S = −(f + 1/f)/2 with f = 1.2, whatever V0.
    double f = 1.2;
    GetSensitivityResultsTool.Output shifted = results(atBaseline, Optional.empty());
    assertThat(value(shifted, "C_max", "Volume")).isCloseTo(-(f + 1 / f) / 2, within(1e-5));
    // AUC over the simulated window depends on CL/V: a doubled V changes its sensitivity to V.
    double file = value(results(atFileValue, Optional.empty()), "AUC_tEnd", "Volume");
    assertThat(Math.abs(value(shifted, "AUC_tEnd", "Volume") - file)).isGreaterThan(1e-3);
  }

  private String resultsIdOf(RunSensitivityAnalysisTool.Output job) {
    bridge.backend.runNext();
    return bridge.call("get_job_status", new GetJobStatusTool.Input(job.jobId()), ALICE,
        GetJobStatusTool.Output.class).resultHandle().orElseThrow().resultsId();
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsQueued() {
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    assertThatThrownBy(() -> submit(Optional.of(List.of("Organism|Nope", "Organism|Central|Drug")), Optional.of(0),
        Optional.of(1.0), Optional.empty()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("steps").hasMessageContaining("range").hasMessageContaining("Organism|Nope")
        .hasMessageContaining("not a parameter");
    assertThat(bridge.backend.pending()).isZero();
    assertThatThrownBy(() -> results("no-such-result", Optional.empty())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBackendWhoseWorkersRunSingleSimulationsOnlyIsRefusedBeforeAnythingIsQueued() {
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
    bridge.backend.runSingleSimulationsOnly();

    assertThatThrownBy(() -> submit(Optional.of(List.of("Organism|Central|Volume")), Optional.empty(),
        Optional.empty(), Optional.empty()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("JOB_BACKEND=thread");
    assertThat(bridge.backend.submissions()).isEmpty();
    assertThat(bridge.registry.jobsInStates(java.util.EnumSet.allOf(io.mcpbridge.core.model.JobState.class))).isEmpty();
  }
}
