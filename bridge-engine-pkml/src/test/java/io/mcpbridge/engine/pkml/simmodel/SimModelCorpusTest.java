package io.mcpbridge.engine.pkml.simmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InteropException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OSP's simulation-kernel test corpus (simmodel-testdata) as a peer suite: the files the kernel
 * runs load and run here; the files the kernel refuses fail here with a clear error; and the
 * behaviours the kernel's own specifications assert hold, re-checked with this engine's API. Every
 * file runs with the solver settings stored in it. Paths are shown without the simulation's root
 * container, as OSP does (the kernel's specs address {@code Subcontainer1/P1} below
 * {@code TopContainer}).
 */
class SimModelCorpusTest {
  /** The kernel specifications' tolerance for analytic comparisons. */
  private static final double REL = 1e-5;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  private static ModelRef ref(String file) {
    return EngineFixture.ref(SimModelData.corpus(file));
  }

  private SimulationResult run(String file) {
    return engine.run(SimulationSpec.of(ref(file)).withPrecision(ResultPrecision.FULL), RunControl.unbounded());
  }

  private SimulationResult run(SimulationSpec spec) {
    return engine.run(spec.withPrecision(ResultPrecision.FULL), RunControl.unbounded());
  }

  private static double[] values(SimulationResult r, String path) {
    return r.series(path).orElseThrow(() -> new AssertionError("no output " + path + " in "
        + r.series().stream().map(TimeSeries::path).toList())).values();
  }

  /** Every file the kernel runs loads, runs over its whole output grid and reports its outputs. */
  @ParameterizedTest
  @ValueSource(strings = {
      "12.0_Brockmoller2005_CPA.xml", "AdultPopulation.xml", "BCM_Platelet6Lit.xml", "CPPExportTest01.xml",
      "ConstZeroTableFormulation.xml", "ConstantObservers.xml", "FIM_sim.xml", "GrowConst.xml",
      "IfFormulaInSwitchCondition.xml", "InfinityTest.xml", "Modified_ScaleFactors_opt.xml", "NaN_Inf_NegInf.xml",
      "Nan_If_Conditional_Min_Max.xml", "NegativeValuesForbidden_CheckSettingFalse.xml",
      "NonMonotoneBasegridTest.xml", "OralTable01.xml", "OutputSchemaSaveToXml.xml", "PKModelCoreCaseStudy_01.xml", "PKModelCoreCaseStudy_02.xml",
      "PKSim_Input_01.xml", "PKSim_Input_04_MultiApp.xml", "PKSim_Input_BelowAbsTol.xml",
      "PKSim_Input_NewSchema_01.xml", "POP_EHC_StartTime.xml", "POPsim.xml", "PersistableOutputsTest.xml", "PersistableParams.xml",
      "RemoveBelowAbsTolTest.pkml", "RemoveBelowAbsTolTest.xml", "S3_reduced.xml",
      "SensitivityOfPersistableParameter.xml", "SimModel4_ExampleInput04.xml", "SimModel4_ExampleInput05.xml",
      "SimModel4_ExampleInput06.xml", "SimModel4_ExampleInput06_Modified.xml",
      "SimModel4_ExampleInput06_Modified2.xml", "SimModel4_ExampleInput06_Modified_V4.xml",
      "SimModel4_ExampleInput06_NewSchema.xml", "TableParametersViaDCI_Test01.xml", "Test4Model_Reduced03.xml",
      "Test4SavingSpeciesInitialValues.xml", "TestAllParametersInitialValues.xml",
      "TestExportUsedParameters02.xml", "TestSimultanEvents.xml", "Test_dynamic_reduced_3.xml", "Theophyline_2.xml",
      "VersionTest.xml", "cvsRoberts_FSA_dns.xml", "pH_Solubility_Table.xml", "pH_Solubility_Table_Const.xml", "pH_Solubility_Table_Zero.xml"})
  void runnableFileRuns(String file) {
    LoadedModel loaded = engine.load(ref(file));
    SimulationResult r = run(file);

    assertThat(r.times()[0]).isZero();
    assertThat(r.times()[r.times().length - 1]).isEqualTo(
        loaded.outputIntervals().stream().mapToDouble(i -> i.endTime()).max().orElseThrow(), within(1e-9));
    assertThat(r.series()).hasSize(loaded.outputPaths().size());
    for (TimeSeries s : r.series()) {
      assertThat(s.values()).hasSize(r.times().length);
    }
  }

  /** Files the kernel (or this engine, for a stated reason) refuses: a clear error naming the cause. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "InvalidSimmodelXML.xml | output interval [-1.0, 10.0]",
      "NegativeInititalValue.xml | initial value of Organism|C1 is negative",
      "NegativeValuesForbidden_NoCheckSetting.xml | Container|C1 became negative",
      "NegativeValuesForbidden_CheckSettingTrue.xml | Container|C1 became negative",
      "S30_negativeValues.xml | Organism|Lumen|Duodenum|C1 became negative",
      "TestWarnings_LowMxStep.xml | maximum number of steps (2, solver option MxStep) reached",
      "TestCrashSimultaneousEvents.xml | circular reference: Organism|M1"})
  void refusedFileFailsWithAClearError(String file, String message) {
    assertThatThrownBy(() -> {
      engine.load(ref(file));
      run(file);
    }).isInstanceOfAny(InvalidInputException.class, InteropException.class)
        .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
  }

  /**
   * Test system 06 (y1' = (P1+P2)·y2 + (P3−Time)·y1 + (y3−2), y2' = y1 + P4, y3' = 0 with P1 = sin²y3,
   * P2 = cos²y3, P3 = Time, P4 = y3 − 2) reduces to y1 = eᵗ + e⁻ᵗ, y2 = eᵗ − e⁻ᵗ, y3 = 2, in both
   * reference layouts; the observer is 2·y1.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SimModel4_ExampleInput06.xml", "SimModel4_ExampleInput06_NewSchema.xml"})
  void testSystem06FollowsItsAnalyticSolution(String file) {
    boolean observed = file.equals("SimModel4_ExampleInput06.xml");
    SimulationResult r = run(SimulationSpec.of(ref(file))
        .withOutputs(observed ? List.of("y1", "y2", "y3", "Obs1") : List.of("y1", "y2", "y3")));
    assertAnalytic(r, "");
    if (observed) {
      double[] obs = values(r, "Obs1");
      double[] y1 = values(r, "y1");
      for (int i = 0; i < obs.length; i++) {
        assertThat(obs[i]).isCloseTo(2 * y1[i], within(REL * 2 * y1[i]));
      }
    }
  }

  /**
   * The modified system 06 (P1, P2 constants; y2(0) = 10) returns to the analytic solution when
   * P1 + P2 = 1 and y2(0) = 0 are set before the run, as the kernel's spec does.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SimModel4_ExampleInput06_Modified.xml", "SimModel4_ExampleInput06_Modified_V4.xml"})
  void modifiedSystem06WithParametersAndStartValueSetFollowsTheAnalyticSolution(String file) {
    String c = "Subcontainer1|";
    SimulationSpec spec = SimulationSpec.of(ref(file))
        .withOverride(new ParameterOverride(c + "P1", 0.3))
        .withOverride(new ParameterOverride(c + "P2", 0.7))
        .withOverride(new ParameterOverride(c + "y2", 0));
    assertAnalytic(run(spec.withOutputs(List.of(c + "y1", c + "y2", c + "y3"))), c);
  }

  /**
   * cvsRoberts_FSA_dns (Robertson's kinetics, H0 = 0 so the first step is CVODE's estimate, RelTol
   * 1e-4, AbsTol 1e-14): the solution at t = 0.4 and 4 agrees with the values printed by SUNDIALS'
   * own cvsRoberts example (5 digits) to 1e-3, mass y1 + y2 + y3 = 1 is conserved, and the observer
   * is y1 + 2·y2 + 3·y3.
   */
  @Test
  void robertsonWithAnEstimatedFirstStepMatchesSundialsExample() {
    String c = "SubContainer|";
    SimulationResult r = run(SimulationSpec.of(ref("cvsRoberts_FSA_dns.xml"))
        .withOutputs(List.of(c + "y1", c + "y2", c + "y3", c + "Obs1")));
    assertThat(r.times()).containsExactly(0.0, 0.4, 4.0);
    double[][] expected = {{1, 0, 0}, {9.8517e-01, 3.3864e-05, 1.4794e-02}, {9.0553e-01, 2.2405e-05, 9.4425e-02}};
    double[][] y = {values(r, c + "y1"), values(r, c + "y2"), values(r, c + "y3")};
    double[] obs = values(r, c + "Obs1");
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        assertThat(y[i][k]).as("y%d at %s", i + 1, r.times()[k])
            .isCloseTo(expected[k][i], within(1e-3 * expected[k][i]));
      }
      assertThat(y[0][k] + y[1][k] + y[2][k]).isCloseTo(1.0, within(1e-4));
      assertThat(obs[k]).isCloseTo(y[0][k] + 2 * y[1][k] + 3 * y[2][k], within(1e-6));
    }
  }

  private static void assertAnalytic(SimulationResult r, String container) {
    double[] t = r.times();
    assertThat(t).hasSize(11);
    double[] y1 = values(r, container + "y1");
    double[] y2 = values(r, container + "y2");
    double[] y3 = values(r, container + "y3");
    for (int i = 0; i < t.length; i++) {
      double e1 = Math.exp(t[i]) + Math.exp(-t[i]);
      double e2 = Math.exp(t[i]) - Math.exp(-t[i]);
      assertThat(y1[i]).as("y1 at %s", t[i]).isCloseTo(e1, within(REL * e1));
      assertThat(y2[i]).as("y2 at %s", t[i]).isCloseTo(e2, within(REL * e2 + 1e-15));
      assertThat(y3[i]).as("y3 at %s", t[i]).isCloseTo(2.0, within(REL * 2));
    }
  }

  /** A variable without RHS formulas is constant and not an unknown of the ODE system. */
  @Test
  void variablesWithoutRhsAreConstant() {
    LoadedModel loaded = engine.load(ref("SimModel4_ExampleInput04.xml"));
    List<QuantityInfo> species = loaded.quantities().stream()
        .filter(q -> q.kind() == QuantityKind.MOLECULE_AMOUNT).toList();
    assertThat(species).isNotEmpty();
    SimulationResult r = run(SimulationSpec.of(ref("SimModel4_ExampleInput04.xml"))
        .withOutputs(species.stream().map(QuantityInfo::path).toList()));
    assertThat(r.times()).hasSize(120);
    for (QuantityInfo q : species) {
      assertThat(q.stateVariable()).as("%s is a state", q.path()).isFalse();
      double[] v = values(r, q.path());
      assertThat(Arrays.stream(v).distinct().count()).as("%s is constant", q.path()).isEqualTo(1);
    }
  }

  /** Two events firing at t = 10 both add to the same variable: 0 → 10 + 20 = 30. */
  @Test
  void simultaneousEventsBothApply() {
    double[] m = run("TestSimultanEvents.xml").series().get(0).values();
    assertThat(m[0]).isCloseTo(0.0, within(1e-5));
    assertThat(m[m.length - 1]).isCloseTo(30.0, within(30 * 1e-5));
  }

  /** Output times closer than float precision are merged: neighbours differ by at least 1e-8. */
  @Test
  void almostEqualOutputTimesAreMerged() {
    double[] t = run("NonMonotoneBasegridTest.xml").times();
    for (int i = 0; i < t.length - 1; i++) {
      assertThat(Math.abs(t[i + 1] - t[i])).as("gap after t = %s", t[i]).isGreaterThanOrEqualTo(1e-8);
    }
  }

  /** With scale factor 1e-6 the Michaelis–Menten decay of a = 1e-6 µmol reaches ~0 (< 1e-15 from point 100). */
  @Test
  void scaledVariableDecaysBelowTheScaledTolerance() {
    double[] a = values(run("Modified_ScaleFactors_opt.xml"), "Organism|a");
    assertThat(a.length).isGreaterThan(100);
    for (int i = 100; i < a.length; i++) {
      assertThat(a[i]).as("a at index %s", i).isLessThan(1e-15);
    }
  }

  /**
   * PK model core case study: no process creates or destroys mass, so the sum of all variables is
   * 26.5 at the start and 36.5 after the 10 µmol bolus; the observer is half of its amount.
   */
  @ParameterizedTest
  @ValueSource(strings = {"PKModelCoreCaseStudy_01.xml", "PKModelCoreCaseStudy_02.xml"})
  void pkModelCoreCaseStudyConservesMassAndObservesHalf(String file) {
    LoadedModel loaded = engine.load(ref(file));
    List<String> amounts = loaded.quantities().stream().filter(q -> q.kind() == QuantityKind.MOLECULE_AMOUNT)
        .map(QuantityInfo::path).toList();
    SimulationResult r = run(SimulationSpec.of(ref(file)).withOutputs(amounts));
    int last = r.times().length - 1;
    double start = 0;
    double end = 0;
    for (String a : amounts) {
      start += values(r, a)[0];
      end += values(r, a)[last];
    }
    assertThat(start).isCloseTo(26.5, within(26.5 * 1e-10));
    assertThat(end).isCloseTo(36.5, within(36.5 * 1e-10));

    String amount = "Organism|ArterialBlood|Plasma|A";
    SimulationResult withObserver = run(SimulationSpec.of(ref(file)).withOutputs(List.of(amount, amount + "|AmountObs_1")));
    double[] a = values(withObserver, amount);
    double[] half = values(withObserver, amount + "|AmountObs_1");
    for (int i = 0; i < a.length; i++) {
      assertThat(half[i]).isCloseTo(a[i] / 2, within(REL * Math.abs(a[i] / 2) + 1e-300));
    }
  }

  /** No reported variable value lies in (−AbsTol, 0): such values are reported as 0. */
  @Test
  void valuesJustBelowZeroAreReportedAsZero() {
    String file = "PKSim_Input_BelowAbsTol.xml";
    LoadedModel loaded = engine.load(ref(file));
    List<String> amounts = loaded.quantities().stream().filter(q -> q.kind() == QuantityKind.MOLECULE_AMOUNT)
        .map(QuantityInfo::path).toList();
    SimulationResult r = run(SimulationSpec.of(ref(file)).withOutputs(amounts));
    double absTol = loaded.solver().absTol();
    for (TimeSeries s : r.series()) {
      for (double v : s.values()) {
        assertThat(v < 0 && v > -absTol).as("%s has %s in (-AbsTol, 0)", s.path(), v).isFalse();
      }
    }
  }

  /** Persistable parameters are outputs and follow their formulas over time (Time and 1/Time). */
  @Test
  void persistableParametersAreOutputs() {
    SimulationResult r = run("PersistableParams.xml");
    assertThat(r.series()).extracting(TimeSeries::path)
        .containsExactly("Organism|TestTime", "Organism|InverseTime");
    double[] t = r.times();
    double[] time = values(r, "Organism|TestTime");
    double[] inverse = values(r, "Organism|InverseTime");
    for (int i = 0; i < t.length; i++) {
      assertThat(time[i]).isCloseTo(t[i], within(REL * t[i]));
      if (i == 0) {
        assertThat(inverse[i]).isEqualTo(Double.POSITIVE_INFINITY);
      } else {
        assertThat(inverse[i]).isCloseTo(1 / t[i], within(REL / t[i]));
      }
    }
  }

  /**
   * Moving the enterohepatic-circulation start (120 min) beyond the run changes venous plasma after
   * 120 min by more than 5 %. (The kernel's spec sums over all output times; here the 150 µmol bolus
   * at t = 0 dominates that sum, which then moves by 0.5 % only — see docs/verification.md.)
   */
  @Test
  void ehcStartTimeChangesTheResult() {
    String file = "POP_EHC_StartTime.xml";
    String plasma = "Organism|VenousBlood|Plasma|C1";
    SimulationResult base = run(SimulationSpec.of(ref(file)).withOutputs(List.of(plasma)));
    SimulationResult late = run(SimulationSpec.of(ref(file)).withOutputs(List.of(plasma))
        .withOverride(new ParameterOverride("Events|EHC|EHC_1|Start time", 1_000_000)));
    double before = 0;
    double after = 0;
    for (int i = 0; i < base.times().length; i++) {
      if (base.times()[i] > 120) {
        before += values(base, plasma)[i];
        after += values(late, plasma)[i];
      }
    }
    assertThat(Math.abs(before - after) / Math.min(before, after)).isGreaterThan(0.05);
  }

  /** Inf, inf, Infinity, infinity, NaN, NAN and nan literals evaluate as IEEE values. */
  @ParameterizedTest
  @CsvSource({"Inf_1, Infinity", "Inf_2, Infinity", "Inf_3, Infinity", "Inf_4, Infinity",
      "Neginf_1, -Infinity", "Neginf_2, -Infinity", "Neginf_3, -Infinity", "Neginf_4, -Infinity",
      "NaN_1, NaN", "NaN_2, NaN", "NaN_3, NaN"})
  void infinityAndNanLiterals(String observer, double expected) {
    double[] v = values(run("NaN_Inf_NegInf.xml"), "Organism|" + observer);
    if (Double.isNaN(expected)) {
      assertThat(v[v.length - 1]).isNaN();
    } else {
      assertThat(v[v.length - 1]).isEqualTo(expected);
    }
  }

  /** NaN arguments of if, comparisons, min and max: 19 parameters are NaN, 21 are 1, 11 are 0. */
  @Test
  void nanInConditionalsMinAndMax() {
    Map<String, Double> byName = engine.load(ref("Nan_If_Conditional_Min_Max.xml")).quantities().stream()
        .filter(q -> q.path().startsWith("Organism|"))
        .collect(Collectors.toMap(q -> q.path().substring("Organism|".length()), QuantityInfo::value));
    List<Double> nan = new ArrayList<>();
    List<Double> one = new ArrayList<>();
    List<Double> zero = new ArrayList<>();
    byName.forEach((name, value) -> {
      if (name.startsWith("P")) {
        nan.add(value);
      } else if (name.startsWith("T")) {
        one.add(value);
      } else if (name.startsWith("F")) {
        zero.add(value);
      }
    });
    assertThat(nan).hasSize(19).allMatch(v -> v.isNaN());
    assertThat(one).hasSize(21).containsOnly(1.0);
    assertThat(zero).hasSize(11).containsOnly(0.0);
  }

  /** Check for negative values off: the same system that fails with the check runs to its end. */
  @Test
  void negativeValueCheckCanBeSwitchedOff() {
    double[] c1 = values(run(SimulationSpec.of(ref("NegativeValuesForbidden_CheckSettingFalse.xml"))
        .withOutputs(List.of("Container|C1"))), "Container|C1");
    assertThat(Arrays.stream(c1).min().orElseThrow()).isLessThan(0);
  }

  /** Formula parameters and start values follow their inputs: P10 = P1 + P2 and y2(0) = P1 + P2 − 1. */
  @Test
  void parameterAndStartValueFormulasFollowChangedParameters() {
    String file = "TestAllParametersInitialValues.xml";
    List<String> outputs = List.of("P10", "y2");
    SimulationResult base = run(SimulationSpec.of(ref(file)).withOutputs(outputs));
    assertThat(values(base, "P10")[0]).isCloseTo(1.0, within(1e-5));
    assertThat(values(base, "y2")[0]).isCloseTo(0.0, within(1e-5));
    SimulationResult changed = run(SimulationSpec.of(ref(file)).withOutputs(outputs)
        .withOverride(new ParameterOverride("P1", 3))
        .withOverride(new ParameterOverride("P2", 4)));
    assertThat(values(changed, "P10")[0]).isCloseTo(7.0, within(1e-5));
    assertThat(values(changed, "y2")[0]).isCloseTo(6.0, within(1e-5));
  }

  /** C1' = −k·C1 with C1(0) = A0 = 10, k = 0.5: C1 = 10·e^(−0.5 t). */
  @Test
  void exponentialDecayFollowsItsAnalyticSolution() {
    SimulationResult r = run("S3_reduced.xml");
    double[] t = r.times();
    double[] c1 = values(r, "Organism|C1");
    for (int i = 0; i < t.length; i++) {
      double expected = 10 * Math.exp(-0.5 * t[i]);
      assertThat(c1[i]).as("C1 at %s", t[i]).isCloseTo(expected, within(1e-4 * expected + 1e-9));
    }
  }

  /** Parameters defined by tables are formula-driven quantities with the table's value at t = 0. */
  @Test
  void tableParametersAreLoaded() {
    LoadedModel loaded = engine.load(ref("TableParametersViaDCI_Test01.xml"));
    assertThat(loaded.quantities().stream().filter(QuantityInfo::formulaDriven).count()).isGreaterThan(0);
  }
}
