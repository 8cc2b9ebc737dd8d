package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The larger real models, for which no OSP numbers exist: they must load, run to the end and obey
 * what can be checked without a reference — finite outputs, mass balance of closed systems, no
 * negative amounts, and agreement with a much tighter run within the expected solver error.
 */
class ExtraModelsTest {
  private static final String DIR = "extra_no_reference_numbers/";
  private static final String PKSIM = DIR + "pksim_simple_simulation.pkml";
  /**
   * Global error of a BDF run with local error control is a modest multiple K of the per-step
   * tolerance RelTol·|y| + AbsTol. OSP's own numbers at RelTol 1e-4 are up to 3e-3 off the exact
   * solution (PKML-ENGINE.md §5.4, K ≈ 30); K = 50 leaves margin while a wrong event, term or
   * restart (an O(1) change) still fails by orders of magnitude. Measured K here: ≤ 8.
   */
  private static final double ERROR_GROWTH = 50;

  private static final PkmlSimulationEngine ENGINE = EngineFixture.engine();
  private static final Map<String, SimulationResult> DEFAULT_RUNS = new ConcurrentHashMap<>();

  private static ModelRef ref(String model) {
    return EngineFixture.ref(ReferenceData.model(model));
  }

  /** Every unknown and observer, at full precision, with the file's own settings. */
  private static SimulationResult run(String model, SolverSettings solver) {
    ModelRef ref = ref(model);
    List<String> outputs = ENGINE.load(ref).quantities().stream()
        .filter(q -> q.stateVariable() || q.kind() == QuantityKind.OBSERVER).map(QuantityInfo::path).toList();
    SimulationSpec spec = SimulationSpec.of(ref).withOutputs(outputs).withPrecision(ResultPrecision.FULL);
    return ENGINE.run(solver == null ? spec : spec.withSolver(solver), RunControl.unbounded());
  }

  private static SimulationResult defaultRun(String model) {
    return DEFAULT_RUNS.computeIfAbsent(model, m -> run(m, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not_ok_sim.pkml", "sc_model_2c.pkml", "pi_IR_model_doseResponse.pkml",
      "pksim_simple_simulation.pkml"})
  void runsToTheEndWithFiniteOutputs(String file) {
    String model = DIR + file;
    LoadedModel loaded = ENGINE.load(ref(model));
    SimulationResult r = defaultRun(model);
    double end = loaded.outputIntervals().stream().mapToDouble(i -> i.endTime()).max().orElseThrow();
    assertThat(r.times()[r.times().length - 1]).isEqualTo(end);
    for (TimeSeries s : r.series()) {
      for (int i = 0; i < r.times().length; i++) {
        if (isPkSimFecesConcentrationAtStart(model, s.path(), r.times()[i])) {
          // M/Liquid with both 0 at t = 0 (Liquid is an RHS parameter that starts empty): IEEE gives
          // NaN, and so does OSP's kernel (§3: division follows IEEE).
          assertThat(s.values()[i]).isNaN();
          continue;
        }
        assertThat(s.values()[i]).as("%s at %s", s.path(), r.times()[i]).isFinite();
      }
    }
  }

  private static boolean isPkSimFecesConcentrationAtStart(String model, String path, double t) {
    return model.equals(PKSIM) && t == 0 && path.equals("Organism|Lumen|Feces|C1|Concentration in lumen");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not_ok_sim.pkml", "sc_model_2c.pkml", "pi_IR_model_doseResponse.pkml",
      "pksim_simple_simulation.pkml"})
  void amountsStayNonNegativeWhereOspRequiresIt(String file) {
    String model = DIR + file;
    LoadedModel loaded = ENGINE.load(ref(model));
    SimulationResult r = defaultRun(model);
    // SimModel's own threshold: an amount below -100·AbsTol fails its negative-value check; amounts
    // in these containers are exempt (§5.3).
    double floor = -100 * loaded.solver().absTol();
    for (QuantityInfo q : loaded.quantities()) {
      if (!q.stateVariable() || q.kind() != QuantityKind.MOLECULE_AMOUNT || negativeAllowedByOsp(q.path())) {
        continue;
      }
      for (double v : r.series(q.path()).orElseThrow().values()) {
        assertThat(v).as(q.path()).isGreaterThanOrEqualTo(floor);
      }
    }
  }

  private static boolean negativeAllowedByOsp(String path) {
    return path.contains("SalivaGland") || path.contains("IgG_Source") || path.contains("ParticleBin_")
        || path.startsWith("Events|") || path.startsWith("Applications|");
  }

  /**
   * The PK-Sim IV bolus is closed: every process moves drug between compartments (no process
   * without a partner), so the summed amounts equal the initial total plus the bolus DrugMass that
   * the start event adds at t = 0. BDF with an exact Jacobian preserves linear invariants up to
   * rounding (~1e-13 per step relative), hence 1e-9 relative.
   */
  @Test
  void pkSimIvBolusConservesTheDosedAmount() {
    LoadedModel loaded = ENGINE.load(ref(PKSIM));
    List<QuantityInfo> amounts = new ArrayList<>();
    double initial = 0;
    for (QuantityInfo q : loaded.quantities()) {
      if (q.stateVariable() && q.kind() == QuantityKind.MOLECULE_AMOUNT) {
        amounts.add(q);
        initial += q.value();
      }
    }
    assertThat(amounts).hasSizeGreaterThan(100);
    double dose = loaded.quantity("Applications|Application_1|ProtocolSchemaItem|DrugMass").orElseThrow().value();
    assertThat(dose).isGreaterThan(0);
    SimulationResult r = defaultRun(PKSIM);
    for (int i = 0; i < r.times().length; i++) {
      double sum = 0;
      for (QuantityInfo q : amounts) {
        sum += r.series(q.path()).orElseThrow().values()[i];
      }
      assertThat(sum).as("total amount at %s", r.times()[i]).isCloseTo(initial + dose, within(1e-9 * (initial + dose)));
    }
  }

  /**
   * Results at the file's RelTol 1e-4 agree with a RelTol 1e-9 run (AbsTol 1000× smaller) within
   * K·(1e-4·peak + AbsTol) per series, peak being the series' largest magnitude in the tight run.
   */
  @ParameterizedTest
  @ValueSource(strings = {"not_ok_sim.pkml", "sc_model_2c.pkml", "pi_IR_model_doseResponse.pkml",
      "pksim_simple_simulation.pkml"})
  void defaultToleranceIsWithinTheExpectedErrorOfATightRun(String file) {
    String model = DIR + file;
    SolverSettings own = ENGINE.load(ref(model)).solver();
    assertThat(own.relTol()).isLessThanOrEqualTo(1e-4);
    SimulationResult coarse = defaultRun(model);
    SimulationResult tight = run(model, own.withTolerances(own.absTol() * 1e-3, 1e-9));
    for (TimeSeries s : tight.series()) {
      double[] reference = s.values();
      double[] values = coarse.series(s.path()).orElseThrow().values();
      double peak = 0;
      for (double v : reference) {
        if (Double.isFinite(v)) {
          peak = Math.max(peak, Math.abs(v));
        }
      }
      double bound = ERROR_GROWTH * (own.relTol() * peak + own.absTol());
      for (int i = 0; i < reference.length; i++) {
        if (Double.isNaN(reference[i])) {
          assertThat(values[i]).isNaN();
          continue;
        }
        assertThat(values[i]).as("%s at %s", s.path(), tight.times()[i]).isCloseTo(reference[i], within(bound));
      }
    }
  }
}
