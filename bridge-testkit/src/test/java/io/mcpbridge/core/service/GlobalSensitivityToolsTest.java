package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobs;
import io.mcpbridge.core.service.tools.GetGlobalSensitivityResultsTool;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.RunGlobalSensitivityAnalysisTool;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * run_global_sensitivity_analysis and get_global_sensitivity_results through the tool invoker and
 * the job runner, first on an engine whose output is the linear additive Y = a·V + b·CL (its Sobol
 * indices and Morris effects are known exactly), then on the real engine and the bundled IV bolus.
 */
class GlobalSensitivityToolsTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final String CONCENTRATION = "Organism|Central|Drug|Concentration";
  private static final String VOLUME = "Organism|Central|Volume";
  private static final double A = 1;
  private static final double B = 50;

  /**
   * Loads the real model (so paths, dimensions and units are real); a run returns the constant
   * Y = a·V + b·CL at t = 0..10 min.
   */
  static final class LinearEngine implements SimulationEngine {
    final PkmlSimulationEngine real = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    final AtomicInteger runs = new AtomicInteger();
    volatile String clPath;

    @Override
    public LoadedModel load(ModelRef model) {
      LoadedModel loaded = real.load(model);
      clPath = loaded.quantities().stream().map(QuantityInfo::path).filter(p -> p.endsWith("|CL")).findFirst()
          .orElseThrow();
      return loaded;
    }

    @Override
    public Set<String> parametersInUse(ModelRef model) {
      return real.parametersInUse(model);
    }

    @Override
    public SimulationResult run(SimulationSpec spec, RunControl control) {
      runs.incrementAndGet();
      Map<String, Double> set = new HashMap<>(Map.of(VOLUME, 15.0, clPath, 0.1));
      for (ParameterOverride o : spec.overrides()) {
        set.put(o.path(), o.value());
      }
      double y = A * set.get(VOLUME) + B * set.get(clPath);
      double[] times = new double[11];
      double[] values = new double[11];
      for (int i = 0; i <= 10; i++) {
        control.checkpoint(i, 10);
        times[i] = i;
        values[i] = y;
      }
      return new SimulationResult(spec.model(), times, List.of(new TimeSeries(CONCENTRATION, "Concentration (molar)",
          values)), new RunStatistics(10, 10, 0, 0, 0, Duration.ZERO));
    }
  }

  private static RunGlobalSensitivityAnalysisTool.Input input(String method, List<String> vary, Optional<Integer> n,
      Optional<List<String>> pk, Optional<List<Double>> times) {
    return new RunGlobalSensitivityAnalysisTool.Input("iv", Optional.empty(), method, vary, n, Optional.of(7L),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of(CONCENTRATION)), pk, times,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static RunGlobalSensitivityAnalysisTool.Output submit(BridgeFixture bridge,
      RunGlobalSensitivityAnalysisTool.Input input) {
    return bridge.call("run_global_sensitivity_analysis", input, ALICE, RunGlobalSensitivityAnalysisTool.Output.class);
  }

  private static GetGlobalSensitivityResultsTool.Output finish(BridgeFixture bridge,
      RunGlobalSensitivityAnalysisTool.Output job) {
    bridge.backend.runNext();
    GetJobStatusTool.Output status = bridge.call("get_job_status", new GetJobStatusTool.Input(job.jobId()), ALICE,
        GetJobStatusTool.Output.class);
    assertThat(status.status()).isEqualTo(JobState.SUCCEEDED.wireName());
    return bridge.call("get_global_sensitivity_results", new GetGlobalSensitivityResultsTool.Input(
        status.resultHandle().orElseThrow().resultsId(), Optional.empty(), Optional.empty()), ALICE,
        GetGlobalSensitivityResultsTool.Output.class);
  }

  private static GetGlobalSensitivityResultsTool.Entry entry(GetGlobalSensitivityResultsTool.Output out, String end) {
    return out.indices().stream().filter(e -> e.parameterPath().endsWith(end)).findFirst().orElseThrow();
  }

  @Test
  void sobolIndicesOfALinearAdditiveModelMatchTheAnalyticValues() {
    LinearEngine engine = new LinearEngine();
    BridgeFixture bridge = new BridgeFixture(engine);
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
    String cl = engine.clPath;

    // V ~ U(10, 20) l, CL ~ U(3, 9) l/h = U(0.05, 0.15) l/min: Var(a·V) = 100/12, Var(b·CL) = 2500·0.01/12,
    // so S1_V = ST_V = 100/125 = 0.8 and S1_CL = ST_CL = 0.2 (additive: no interactions).
    RunGlobalSensitivityAnalysisTool.Output job = submit(bridge, input("sobol",
        List.of(VOLUME + "=uniform(10, 20)", cl + "=uniform(3, 9) l/h"), Optional.of(1024), Optional.empty(),
        Optional.of(List.of(5.0))));
    assertThat(job.evaluations()).isEqualTo(1024 * 4);
    assertThat(job.vary().get(1)).isEqualTo(cl + "=uniform(0.05, 0.15)");
    GetGlobalSensitivityResultsTool.Output out = finish(bridge, job);

    assertThat(engine.runs.get()).isEqualTo(1 + 1024 * 4);
    assertThat(out.method()).isEqualTo("sobol");
    assertThat(out.count()).isEqualTo(2);
    GetGlobalSensitivityResultsTool.Entry v = entry(out, "Volume");
    GetGlobalSensitivityResultsTool.Entry c = entry(out, "|CL");
    assertThat(v.response()).isEqualTo("Value@t=5");
    assertThat(v.state()).isEqualTo("Success");
    assertThat(v.s1()).isCloseTo(0.8, within(0.03));
    assertThat(v.st()).isCloseTo(0.8, within(0.03));
    assertThat(c.s1()).isCloseTo(0.2, within(0.03));
    assertThat(c.st()).isCloseTo(0.2, within(0.03));
    assertThat(0.8).isBetween(v.s1Low(), v.s1High());
    assertThat(0.2).isBetween(c.stLow(), c.stHigh());
    assertThat(v.mu()).isNull();
    assertThat(out.csv()).startsWith("\"QuantityPath\",\"Response\",\"ParameterPath\",\"S1\"");
    assertThat(out.csvUri()).isEqualTo("bridge://results/" + out.resultsId() + "/global-sensitivity.csv");

    // The same design on one thread gives the same file, digit for digit.
    String body = bridge.registry.findJobRequest(new io.mcpbridge.core.model.JobId(job.jobId())).orElseThrow().body();
    SimulationSpec spec = bridge.registry.findSimulation(new io.mcpbridge.core.model.SimulationId("iv")).orElseThrow().spec();
    assertThat(new GlobalSensitivityJobs(engine, 1).run(spec, body, RunControl.unbounded())).isEqualTo(out.csv());
  }

  @Test
  void morrisEffectsOfALinearModelAreTheSlopeTimesTheRange() {
    LinearEngine engine = new LinearEngine();
    BridgeFixture bridge = new BridgeFixture(engine);
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    RunGlobalSensitivityAnalysisTool.Output job = submit(bridge, input("morris",
        List.of(VOLUME + "=uniform(10, 20)", engine.clPath + "=uniform(0.05, 0.15)"), Optional.of(10), Optional.empty(),
        Optional.of(List.of(0.0))));
    assertThat(job.evaluations()).isEqualTo(10 * 3);
    GetGlobalSensitivityResultsTool.Output out = finish(bridge, job);

    // Elementary effects are slope × range width: 1 × 10 for V, 50 × 0.1 for CL, the same on every trajectory.
    assertThat(entry(out, "Volume").muStar()).isCloseTo(10, within(1e-9));
    assertThat(entry(out, "Volume").mu()).isCloseTo(10, within(1e-9));
    assertThat(entry(out, "Volume").sigma()).isCloseTo(0, within(1e-9));
    assertThat(entry(out, "|CL").muStar()).isCloseTo(5, within(1e-9));
    assertThat(entry(out, "|CL").s1()).isNull();
    assertThat(out.levels()).contains(4);
  }

  @Test
  void onTheRealEngineCmaxOfAnIvBolusDependsOnTheVolumeAlone() {
    BridgeFixture bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    RunGlobalSensitivityAnalysisTool.Output job = submit(bridge, input("sobol",
        List.of(VOLUME + "=uniform(10, 20)", "Organism|Central|CL=loguniform(0.05, 0.2)"),
        Optional.of(256), Optional.of(List.of("C_max", "AUC_tEnd")), Optional.empty()));
    GetGlobalSensitivityResultsTool.Output out = finish(bridge, job);

    // C_max = A0/V at t = 0 whatever CL is: all its variance is V's. Swapping CL alone leaves every C_max
    // unchanged, so CL's indices are exactly 0; V's are 1 up to the sampling error of N = 256.
    GetGlobalSensitivityResultsTool.Entry v = out.indices().stream()
        .filter(e -> e.response().equals("C_max") && e.parameterPath().endsWith("Volume")).findFirst().orElseThrow();
    GetGlobalSensitivityResultsTool.Entry cl = out.indices().stream()
        .filter(e -> e.response().equals("C_max") && e.parameterPath().endsWith("CL")).findFirst().orElseThrow();
    assertThat(cl.st()).isCloseTo(0, within(1e-12));
    assertThat(cl.s1()).isCloseTo(0, within(1e-12));
    assertThat(v.st()).isCloseTo(1, within(0.15));
    assertThat(v.s1()).isCloseTo(1, within(0.15));
    assertThat(out.indices()).extracting(GetGlobalSensitivityResultsTool.Entry::response)
        .containsOnly("C_max", "AUC_tEnd");
  }

  @Test
  void badInputNamesEveryProblemAndQueuesNothing() {
    BridgeFixture bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);

    assertThatThrownBy(() -> submit(bridge, input("sobol", List.of("Organism|Nope=uniform(1, 2)",
        VOLUME + "=uniform(20, 10)", CONCENTRATION + "=uniform(1, 2)", "Organism|Central|Volume=uniform(1, 2) kg"),
        Optional.of(1), Optional.of(List.of("C_maxx")), Optional.of(List.of(-1.0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Organism|Nope")
        .hasMessageContaining("min < max")
        .hasMessageContaining("not a parameter")
        .hasMessageContaining("unit 'kg'")
        .hasMessageContaining("n (base samples) must be 2-")
        .hasMessageContaining("'C_maxx' is not a PK parameter name")
        .hasMessageContaining("times");
    assertThatThrownBy(() -> submit(bridge, input("morris", List.of(VOLUME + "=normal(15, 2)"), Optional.empty(),
        Optional.empty(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("bounded range");
    assertThatThrownBy(() -> submit(bridge, input("fast", List.of(VOLUME + "=uniform(10, 20)"), Optional.empty(),
        Optional.empty(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sobol or morris");
    assertThat(bridge.backend.pending()).isZero();
    assertThatThrownBy(() -> bridge.call("get_global_sensitivity_results", new GetGlobalSensitivityResultsTool.Input(
        "no-such-result", Optional.empty(), Optional.empty()), ALICE, GetGlobalSensitivityResultsTool.Output.class))
        .isInstanceOf(NotFoundException.class);
  }
}
