package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.pk.DosingInterval;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool.Output;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool.UserDefined;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * calculate_pk_parameters on stored results: the dosing comes from the simulation's applications
 * (OSP's rules), on a model with three IV boluses laid out as PK-Sim lays out applications, and on
 * PK-Sim's own single-application reference model. Expected values come from the analytic curve
 * C(t) = Σ D_i/V·e^(−k(t − s_i)) sampled on the same grid, computed here independently of the
 * calculator.
 */
class CalculatePkParametersDosingTest {
  private static final String CONCENTRATION = "Organism|Central|Drug|Concentration";
  private static final double V = 20;
  private static final double K = 0.05 / 20;
  private static final double BW = 70;
  private final PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final CalculatePkParametersTool tool = new CalculatePkParametersTool(registry, engine, UnitCatalog.standard());

  private static ModelRef ref(Path file) throws Exception {
    return new ModelRef(file.toAbsolutePath(), Sha256.hex(Files.readAllBytes(file)));
  }

  /** A file of {@code shared/reference}, found by walking up from the module directory. */
  private static Path referenceModel(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("reference").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference model " + relative + " not found above the working directory");
  }

  private static Path multiDoseModel() {
    return Path.of("src", "test", "resources", "pk", "multi_dose_applications.pkml");
  }

  /** Runs the spec, stores simulation and result as a run would, and returns the result id. */
  private String store(SimulationSpec spec) {
    SimulationId sim = SimulationId.random();
    registry.saveSimulation(new StoredSimulation(sim, 1, spec, "alice", Instant.EPOCH));
    SimulationResult result = engine.run(spec, RunControl.unbounded());
    ResultId id = ResultId.random();
    registry.saveResult(new StoredResult(id, JobId.random(), sim, 1, result, Instant.EPOCH));
    return id.value();
  }

  private Output call(String resultsId, Optional<List<DosingInterval>> intervals, Optional<Double> dose,
      Optional<List<UserDefined>> userDefined) {
    return tool.call(new CalculatePkParametersTool.Input(Optional.of(resultsId), Optional.of(CONCENTRATION),
        Optional.empty(), Optional.empty(), Optional.empty(), dose, Optional.empty(), intervals, Optional.empty(),
        userDefined), BridgeFixture.as(BridgeFixture.caller("victor", Role.VIEWER)));
  }

  private static double value(Output out, String name) {
    CalculatePkParametersTool.Value v = out.parameters().get(CONCENTRATION).get(name);
    assertThat(v).as(name).isNotNull();
    assertThat(v.value()).as(name + " " + v.reason()).isNotNull();
    return v.value();
  }

  /**
   * Analytic concentration (µmol/l) after boluses of dose[i] µmol/kg·BW at start[i]. An output at
   * a dose time shows the value after that dose, as the engine reports it: so the last sample of an
   * interval (C_trough_tD2) and its maximum already include the next bolus — OSP's rules applied to
   * a bolus given exactly at an output time.
   */
  private static double analytic(double t, double[] start, double[] dosePerBw) {
    double c = 0;
    for (int i = 0; i < start.length; i++) {
      if (t >= start[i]) {
        c += dosePerBw[i] * BW / V * Math.exp(-K * (t - start[i]));
      }
    }
    return c;
  }

  /** Trapezoid AUC of the analytic curve on the 10-min grid over [from, to]. */
  private static double trapezoid(double from, double to, double[] start, double[] dose) {
    double sum = 0;
    for (double t = from; t < to - 1e-9; t += 10) {
      sum += 10 * (analytic(t, start, dose) + analytic(t + 10, start, dose)) / 2;
    }
    return sum;
  }

  @Test
  void givenThreeApplications_theDosingIsDerivedFromThemAndTheMultipleDoseNamesAreReported() throws Exception {
    Output out = call(store(SimulationSpec.of(ref(multiDoseModel()))), Optional.empty(), Optional.empty(),
        Optional.empty());

    double[] start = {0, 720, 1440};
    double[] dose = {1, 1, 0.5};
    assertThat(out.mode().get(CONCENTRATION)).isEqualTo("multiple");
    CalculatePkParametersTool.Dosing dosing = out.dosing().get(CONCENTRATION);
    assertThat(dosing.source()).isEqualTo("applications");
    assertThat(dosing.molecule()).contains("Drug");
    assertThat(dosing.intervals()).containsExactly(new DosingInterval(0, 720, 1.0), new DosingInterval(720, 1440, 1.0),
        new DosingInterval(1440, 2880, 0.5));
    assertThat(dosing.totalDosePerBodyWeight()).isCloseTo(2.5, within(1e-12));

    double rel = 1e-5; // float32 results of a run at RelTol 1e-9
    assertThat(value(out, "C_max_tD1_tD2")).isCloseTo(analytic(720, start, dose), within(rel * 4));
    assertThat(value(out, "t_max_tD1_tD2")).isEqualTo(720.0);
    assertThat(value(out, "t_max_tDLast_tEnd")).isEqualTo(1440.0);
    assertThat(value(out, "AUC_tD1_tD2")).isCloseTo(trapezoid(0, 720, start, dose), within(rel * 1000));
    assertThat(value(out, "AUC_tD1_tD2_norm")).isCloseTo(trapezoid(0, 720, start, dose) / 1.0, within(rel * 1000));
    assertThat(value(out, "C_trough_tD2")).isCloseTo(analytic(720, start, dose), within(rel * 3.5));
    assertThat(value(out, "AUC_tDLast_minus_1_tDLast_norm")).isCloseTo(trapezoid(720, 1440, start, dose) / 1.0,
        within(rel * 1000));
    assertThat(value(out, "C_max_tDLast_tEnd")).isCloseTo(analytic(1440, start, dose), within(rel * 3.5));
    assertThat(value(out, "C_max_tDLast_tEnd_norm")).isCloseTo(analytic(1440, start, dose) / 0.5, within(rel * 7));
    assertThat(value(out, "Thalf_tDLast_tEnd")).isCloseTo(Math.log(2) / K, within(1e-3 * Math.log(2) / K));
    assertThat(value(out, "AUC_tEnd_norm")).isCloseTo(trapezoid(0, 2880, start, dose) / 2.5, within(rel * 1000));
    assertThat(out.parameters().get(CONCENTRATION)).doesNotContainKeys("CL", "Vss", "Vd");
  }

  @Test
  void givenOverriddenDoseAndStart_theDerivedDosingFollowsTheRunNotTheFile() throws Exception {
    SimulationSpec spec = SimulationSpec.of(ref(multiDoseModel()))
        .withOverride(new ParameterOverride("Applications|Application_3|ProtocolSchemaItem|DosePerBodyWeight", 2.0))
        .withOverride(new ParameterOverride("Applications|Application_2|ProtocolSchemaItem|Start time", 600.0));

    Output out = call(store(spec), Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(out.dosing().get(CONCENTRATION).intervals()).containsExactly(new DosingInterval(0, 600, 1.0),
        new DosingInterval(600, 1440, 1.0), new DosingInterval(1440, 2880, 2.0));
    assertThat(out.dosing().get(CONCENTRATION).totalDosePerBodyWeight()).isCloseTo(4.0, within(1e-12));
    double[] start = {0, 600, 1440};
    double[] dose = {1, 1, 2};
    assertThat(value(out, "C_max_tDLast_tEnd_norm")).isCloseTo(analytic(1440, start, dose) / 2.0, within(1e-4));
  }

  @Test
  void givenExplicitDosing_theCallerOverridesTheApplications() throws Exception {
    String id = store(SimulationSpec.of(ref(multiDoseModel())));

    Output single = call(id, Optional.of(List.of()), Optional.of(2.5), Optional.empty());

    assertThat(single.mode().get(CONCENTRATION)).isEqualTo("single");
    assertThat(single.dosing().get(CONCENTRATION).source()).isEqualTo("explicit");
    assertThat(value(single, "CL")).isCloseTo(2.5 / value(single, "AUC_inf"), within(1e-12));
  }

  @Test
  void givenAResultWhoseSimulationIsGone_explicitDosingStillWorksAndOtherwiseTheErrorSaysWhatToGive() throws Exception {
    SimulationSpec spec = SimulationSpec.of(ref(multiDoseModel()));
    ResultId id = ResultId.random();
    registry.saveResult(new StoredResult(id, JobId.random(), SimulationId.random(), 1,
        engine.run(spec, RunControl.unbounded()), Instant.EPOCH));

    Output out = call(id.value(), Optional.of(List.of(new DosingInterval(0, 720, 1.0), new DosingInterval(720, 1440, 1.0),
        new DosingInterval(1440, 2880, 0.5))), Optional.of(2.5), Optional.empty());

    assertThat(out.mode().get(CONCENTRATION)).isEqualTo("multiple");
    assertThat(out.dosing().get(CONCENTRATION).source()).isEqualTo("explicit");
    assertThatThrownBy(() -> call(id.value(), Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(io.mcpbridge.core.error.NotFoundException.class)
        .hasMessageContaining("give dosingIntervals and dosePerBodyWeight");
  }

  @Test
  void givenUserDefinedParametersOnApplications_theirWindowsAndDosesFollowOsp() throws Exception {
    String id = store(SimulationSpec.of(ref(multiDoseModel())));
    UserDefined cmaxSecond = new UserDefined("CmaxSecond", "C_max_norm", Optional.empty(), Optional.empty(),
        Optional.of(2), Optional.of(3), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    UserDefined aucWindow = new UserDefined("AucWindow", "AUC_tEnd", Optional.of(100.0), Optional.of(400.0),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(10.0), Optional.empty());
    UserDefined below = new UserDefined("Below1", "Tthreshold", Optional.empty(), Optional.empty(), Optional.of(3),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(1.0));
    UserDefined troughBeforeLast = new UserDefined("TroughBeforeLast", "C_trough", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(3), Optional.empty(), Optional.of(-10.0), Optional.empty(), Optional.empty());

    Output out = call(id, Optional.empty(), Optional.empty(),
        Optional.of(List.of(cmaxSecond, aucWindow, below, troughBeforeLast)));

    double[] start = {0, 720, 1440};
    double[] dose = {1, 1, 0.5};
    // Application 2 to the start of application 3; its own dose (1 µmol/kg) normalises.
    assertThat(value(out, "CmaxSecond")).isCloseTo(analytic(720, start, dose) / 1.0, within(1e-4));
    assertThat(value(out, "AucWindow")).isCloseTo(trapezoid(100, 400, start, dose) / 10, within(1e-3));
    // First grid time after t_max of the last interval where C ≤ 1 µmol/l.
    double expectedTime = Double.NaN;
    for (double t = 1440; t <= 2880; t += 10) {
      if (analytic(t, start, dose) <= 1.0) {
        expectedTime = t;
        break;
      }
    }
    assertThat(value(out, "Below1")).isEqualTo(expectedTime);
    assertThat(value(out, "TroughBeforeLast")).isCloseTo(analytic(1430, start, dose), within(1e-4));
  }

  @Test
  void givenBadUserDefinedParameters_oneErrorNamesEveryProblem() throws Exception {
    String id = store(SimulationSpec.of(ref(multiDoseModel())));
    UserDefined unknownBase = new UserDefined("X", "Cmax", Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    UserDefined noThreshold = new UserDefined("Y", "Tthreshold", Optional.of(5.0), Optional.of(1.0), Optional.empty(),
        Optional.of(0), Optional.empty(), Optional.empty(), Optional.of(0.0), Optional.empty());

    assertThatThrownBy(() -> call(id, Optional.empty(), Optional.empty(), Optional.of(List.of(unknownBase, noThreshold))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'X'").hasMessageContaining("unknown base PK parameter 'Cmax'")
        .hasMessageContaining("'Y'").hasMessageContaining("give end or endApplication, not both")
        .hasMessageContaining("endApplication is 1-based").hasMessageContaining("normalizationFactor")
        .hasMessageContaining("Tthreshold needs a concentration threshold");
  }

  @Test
  void givenPkSimsSingleApplicationModel_theDoseIsItsDrugMassPerBodyWeight() throws Exception {
    Path pksim = referenceModel("pkml/models/extra_no_reference_numbers/pksim_simple_simulation.pkml");
    SimulationSpec spec = SimulationSpec.of(ref(pksim))
        .withOutputs(List.of("Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)"));
    String id = store(spec);

    Output out = tool.call(new CalculatePkParametersTool.Input(Optional.of(id), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
        BridgeFixture.as(BridgeFixture.caller("victor", Role.VIEWER)));

    String path = "Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)";
    CalculatePkParametersTool.Dosing dosing = out.dosing().get(path);
    // DrugMass 182.5 µmol (1 mg/kg · 73 kg / MW) over Organism|Weight 73 kg.
    assertThat(dosing.source()).isEqualTo("applications");
    assertThat(dosing.molecule()).contains("C1");
    assertThat(dosing.intervals()).hasSize(1);
    assertThat(dosing.intervals().get(0).start()).isEqualTo(0.0);
    assertThat(dosing.intervals().get(0).dosePerBodyWeight()).isCloseTo(182.5 / 73, within(1e-9));
    assertThat(out.mode().get(path)).isEqualTo("single");
    Map<String, CalculatePkParametersTool.Value> p = out.parameters().get(path);
    // The old PK-Sim file has no "C1|Total drug mass": the total is the one application's dose.
    assertThat(p.get("CL").value()).isCloseTo(2.5 / p.get("AUC_inf").value(), within(1e-9));
  }
}
