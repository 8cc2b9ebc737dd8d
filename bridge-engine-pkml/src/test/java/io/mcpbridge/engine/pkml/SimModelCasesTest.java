package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The semantic cases of OSP's simulation kernel tests (PKML-ENGINE.md §6 case F, reference README
 * section simmodel-xml), each re-expressed as a small pkml model in src/test/resources/pkml and run
 * through the real loader, assembly and solver. Every model runs with the solver settings stored in
 * its file. The simultaneous-events case is {@link SemanticsTest#simultaneousEventsBothApply()}.
 */
class SimModelCasesTest {
  /** The tolerance the kernel tests use for analytic comparisons (files run at RelTol 1e-9). */
  private static final double REL = 1e-5;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  private SimulationResult run(String model) {
    return engine.run(SimulationSpec.of(SemanticsTest.resource(model)).withPrecision(ResultPrecision.FULL),
        RunControl.unbounded());
  }

  private static double[] values(SimulationResult r, String path) {
    return r.series(path).orElseThrow(() -> new AssertionError("no output " + path)).values();
  }

  /**
   * y1' = (P1+P2)·y2 + (P3−Time)·y1 + (y3−2), y2' = y1 + P4, y3' = y3 − 2 with P1 = sin²(y3),
   * P2 = cos²(y3), P3 = Time, P4 = y3 − 2 and y1(0) = 2, y2(0) = P1+P2−1, y3(0) = y1: the state- and
   * time-dependent terms cancel, leaving y1 = eᵗ + e⁻ᵗ, y2 = eᵗ − e⁻ᵗ, y3 = 2. Rel 1e-5 at every
   * output time (the file asks for RelTol 1e-9, AbsTol 1e-12; y grows to 2.2e4 at t = 10).
   */
  @Test
  void cancellingTimeAndStateDependentFormulasLeaveTheAnalyticSolution() {
    SimulationResult r = run("cancelling_formulas.pkml");
    double[] t = r.times();
    assertThat(t).hasSize(11);
    double[] y1 = values(r, "Organism|y1");
    double[] y2 = values(r, "Organism|y2");
    double[] y3 = values(r, "Organism|y3");
    double[] twice = values(r, "Organism|y1|Twice");
    for (int i = 0; i < t.length; i++) {
      double e1 = Math.exp(t[i]) + Math.exp(-t[i]);
      double e2 = Math.exp(t[i]) - Math.exp(-t[i]);
      assertThat(y1[i]).as("y1 at %s", t[i]).isCloseTo(e1, within(REL * e1));
      // y2(0) = sin²+cos²−1 is 0 up to rounding; absolute slack of one rounding unit of 1.
      assertThat(y2[i]).as("y2 at %s", t[i]).isCloseTo(e2, within(REL * e2 + 1e-15));
      assertThat(y3[i]).as("y3 at %s", t[i]).isCloseTo(2.0, within(REL * 2));
      assertThat(twice[i]).as("observer 2·y1 at %s", t[i]).isCloseTo(2 * e1, within(REL * 2 * e1));
    }
  }

  /**
   * Two molecules circulate through venous blood, lung, arterial blood and bone with flow,
   * passive permeation, saturable uptake and efflux; a binding reaction turns A into C in the cells;
   * a bolus adds 10 µmol of A to arterial plasma at t = 10. No process creates or destroys mass, so
   * the sum of all amounts (including those no process touches) is 26.5 before the bolus and 36.5
   * after it, and every observer "Half" equals half of its amount. Rel 1e-5 (the kernel test's
   * tolerance; BDF conserves linear invariants up to rounding, so the sums hold far more tightly).
   */
  @Test
  void massIsConservedAndTheBolusAddsItsDose() {
    LoadedModel loaded = engine.load(SemanticsTest.resource("mass_balance.pkml"));
    List<String> amounts = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (QuantityInfo q : loaded.quantities()) {
      if (q.kind() == QuantityKind.MOLECULE_AMOUNT) {
        amounts.add(q.path());
        outputs.add(q.path());
        outputs.add(q.path() + "|Half");
      }
    }
    assertThat(amounts).hasSize(18);
    SimulationResult r = engine.run(SimulationSpec.of(loaded.ref()).withOutputs(outputs)
        .withPrecision(ResultPrecision.FULL), RunControl.unbounded());
    double[] t = r.times();
    assertThat(t[t.length - 1]).isEqualTo(1440);
    for (int i = 0; i < t.length; i++) {
      double total = 0;
      for (String a : amounts) {
        total += values(r, a)[i];
        double half = values(r, a + "|Half")[i];
        assertThat(half).as("%s|Half at %s", a, t[i]).isCloseTo(values(r, a)[i] / 2, within(REL * Math.abs(half)));
      }
      double expected = t[i] < 10 ? 26.5 : 36.5;
      assertThat(total).as("total amount at %s", t[i]).isCloseTo(expected, within(REL * expected));
    }
    // The dose really moved: by the end some A has turned into C in both cell compartments.
    assertThat(values(r, "Organism|Lung|Cell|C")[t.length - 1]).isGreaterThan(0.01);
    assertThat(values(r, "Organism|Bone|Cell|C")[t.length - 1]).isGreaterThan(0.01);
  }

  /** Parameters selected as outputs are reported at every time: TestTime = Time, InverseTime = 1/Time. */
  @Test
  void parametersSelectedAsOutputsFollowTime() {
    SimulationResult r = run("time_parameters.pkml");
    double[] t = r.times();
    assertThat(t).hasSize(97);
    double[] time = values(r, "Organism|TestTime");
    double[] inverse = values(r, "Organism|InverseTime");
    assertThat(inverse[0]).isEqualTo(Double.POSITIVE_INFINITY);
    for (int i = 0; i < t.length; i++) {
      assertThat(time[i]).isEqualTo(t[i]);
      assertThat(inverse[i]).isEqualTo(1 / t[i]);
    }
  }

  /** Inf, inf, Infinity, infinity, NaN, NAN and nan are number literals; results carry ±∞ and NaN. */
  @Test
  void infinityAndNanLiteralsReachTheResults() {
    SimulationResult r = run("nan_inf_literals.pkml");
    int last = r.times().length - 1;
    assertThat(r.times()[last]).isEqualTo(1440);
    for (int i = 1; i <= 4; i++) {
      assertThat(values(r, "Organism|Inf_" + i)[last]).as("Inf_%d", i).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(values(r, "Organism|Neginf_" + i)[last]).as("Neginf_%d", i).isEqualTo(Double.NEGATIVE_INFINITY);
    }
    for (int i = 1; i <= 3; i++) {
      assertThat(values(r, "Organism|NaN_" + i)[last]).as("NaN_%d", i).isNaN();
    }
  }

  /**
   * NaN propagates through comparisons, NOT/AND/OR, MIN/MAX and the condition of {@code ?:}: the 19
   * P… parameters (P_NAN = 0/0 and everything built on it) are NaN, the 21 T… are 1 and the 11 F…
   * are 0. Read through the engine's loaded model (values at t = 0).
   */
  @Test
  void nanPropagatesThroughConditionalsComparisonsAndMinMax() {
    LoadedModel loaded = engine.load(SemanticsTest.resource("nan_conditionals.pkml"));
    int nan = 0;
    int ones = 0;
    int zeros = 0;
    for (QuantityInfo q : loaded.quantities()) {
      String name = q.path().substring(q.path().lastIndexOf('|') + 1);
      if (name.startsWith("P")) {
        assertThat(q.value()).as(name).isNaN();
        nan++;
      } else if (name.startsWith("T")) {
        assertThat(q.value()).as(name).isEqualTo(1.0);
        ones++;
      } else if (name.startsWith("F")) {
        assertThat(q.value()).as(name).isEqualTo(0.0);
        zeros++;
      }
    }
    assertThat(new int[] {nan, ones, zeros}).containsExactly(19, 21, 11);
  }

  /**
   * The event condition {@code Time > T ? y1 > 100 : y1<-999} (an if-expression, and a minus right
   * after a comparison) loads and runs. With y1' = y2, y2' = y1, y1(0) = 2, y2(0) = 0 the solution is
   * y1 = 2 cosh t, y2 = 2 sinh t; y1 passes 100 at t ≈ 3.9 but the condition only switches to that
   * branch after T = 5, so the event fires at the next check, t = 6, setting y2 to 0; afterwards
   * y1 = y1(6)·cosh(t−6), y2 = y1(6)·sinh(t−6). Rel 1e-5 (file tolerances RelTol 1e-9, AbsTol 1e-12).
   */
  @Test
  void ifExpressionInAnEventConditionFiresWhenItShould() {
    SimulationResult r = run("if_in_event_condition.pkml");
    double[] t = r.times();
    assertThat(t).hasSize(11);
    double[] y1 = values(r, "Organism|y1");
    double[] y2 = values(r, "Organism|y2");
    double[] fired = values(r, "Organism|Fired");
    double atSix = 2 * Math.cosh(6);
    for (int i = 0; i < t.length; i++) {
      boolean after = t[i] >= 6;
      double e1 = after ? atSix * Math.cosh(t[i] - 6) : 2 * Math.cosh(t[i]);
      double e2 = after ? atSix * Math.sinh(t[i] - 6) : 2 * Math.sinh(t[i]);
      assertThat(fired[i]).as("Fired at %s", t[i]).isEqualTo(after ? 1.0 : 0.0);
      assertThat(y1[i]).as("y1 at %s", t[i]).isCloseTo(e1, within(REL * e1));
      assertThat(y2[i]).as("y2 at %s", t[i]).isCloseTo(e2, within(REL * e2 + 1e-9));
    }
  }
}
