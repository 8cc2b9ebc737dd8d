package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.port.RunControl;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Engine semantics on small hand-written models with known solutions. */
class SemanticsTest {
  /** Tight solver settings: the analytic checks then measure the engine, not the tolerance. */
  private static final SolverSettings TIGHT = new SolverSettings(1e-14, 1e-10, true, 1e-10, 0, 60, 100_000, true);
  /** With RelTol 1e-10 the global error of BDF stays far below 1e-6 relative (the required bound). */
  private static final double REL = 1e-6;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  static ModelRef resource(String name) {
    try {
      return EngineFixture.ref(Path.of(SemanticsTest.class.getResource("/pkml/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The kernel's simultaneous-events case: M starts at 0 and two (not one-time) events with the
   * condition Time = 10 add 10 and 20. Both fire at the same check, the second sees the value the
   * first assigned, so M is 0 before t = 10 and 30 from then on, ending at 30.
   */
  @Test
  void simultaneousEventsBothApply() {
    SimulationResult r = engine.run(SimulationSpec.of(resource("simultaneous_events.pkml"))
        .withOutputs(List.of("Organism|M")), RunControl.unbounded());
    double[] m = r.series("Organism|M").orElseThrow().values();
    assertThat(r.times()).hasSize(21);
    for (int i = 0; i < r.times().length; i++) {
      assertThat(m[i]).as("M at %s", r.times()[i]).isEqualTo(r.times()[i] < 10 ? 0 : 30);
    }
    assertThat(m[0]).isEqualTo(0);
    assertThat(m[m.length - 1]).isEqualTo(30);
  }

  @Test
  void firstOrderEliminationAndBatemanMatchAnalyticSolutions() {
    SimulationResult r = engine.run(SimulationSpec.of(resource("bateman.pkml"))
        .withOutputs(List.of("Organism|Gut", "Organism|Central", "Organism|X"))
        .withSolver(TIGHT).withPrecision(ResultPrecision.FULL), RunControl.unbounded());
    double ka = 0.1;
    double ke = 0.02;
    double[] t = r.times();
    assertThat(t).hasSize(31);
    for (int i = 0; i < t.length; i++) {
      double gut = 100 * Math.exp(-ka * t[i]);
      double central = 100 * ka / (ka - ke) * (Math.exp(-ke * t[i]) - Math.exp(-ka * t[i]));
      double x = 50 * Math.exp(-ke * t[i]);
      assertThat(r.series("Organism|Gut").orElseThrow().values()[i]).isCloseTo(gut, within(REL * gut + 1e-12));
      assertThat(r.series("Organism|Central").orElseThrow().values()[i]).isCloseTo(central, within(REL * central + 1e-12));
      assertThat(r.series("Organism|X").orElseThrow().values()[i]).isCloseTo(x, within(REL * x));
    }
  }

  @Test
  void infusionSwitchedByEventsMatchesAnalyticSolution() {
    SimulationResult r = engine.run(SimulationSpec.of(resource("infusion.pkml"))
        .withOutputs(List.of("Organism|C", "Organism|InfusionRate"))
        .withSolver(TIGHT).withPrecision(ResultPrecision.FULL), RunControl.unbounded());
    double ke = 0.05;
    double rate = 5;
    double cEnd = rate / ke * (1 - Math.exp(-ke * 30));
    double[] t = r.times();
    double[] c = r.series("Organism|C").orElseThrow().values();
    for (int i = 0; i < t.length; i++) {
      double expected = t[i] <= 10 ? 0
          : t[i] <= 40 ? rate / ke * (1 - Math.exp(-ke * (t[i] - 10))) : cEnd * Math.exp(-ke * (t[i] - 40));
      assertThat(c[i]).as("C at %s", t[i]).isCloseTo(expected, within(REL * expected + 1e-9));
    }
    assertThat(r.series("Organism|InfusionRate").orElseThrow().values()[t.length - 1]).isEqualTo(0);
  }

  @Test
  void overrideMakesAFixedValue() {
    SimulationResult r = engine.run(SimulationSpec.of(resource("bateman.pkml"))
        .withOverride(new ParameterOverride("Organism|ke", 0.0))
        .withOutputs(List.of("Organism|X", "Organism|ke")), RunControl.unbounded());
    double[] x = r.series("Organism|X").orElseThrow().values();
    assertThat(x[x.length - 1]).isEqualTo(50);
    assertThat(r.series("Organism|ke").orElseThrow().values()[0]).isEqualTo(0);
  }

  /**
   * Rates given per volume (§2.7) are multiplied by the volume of the reaction's container (2 l):
   * zero order dA/dt = -k0·V gives A = 100 - 0.2·t, first order on the concentration
   * dB/dt = -k1·(B/V)·V = -k1·B gives B = 100·e^(-0.01 t). Without the volume A would end at 90.
   */
  @Test
  void concentrationBasedRatesAreScaledByTheContainerVolume() {
    SimulationResult r = engine.run(SimulationSpec.of(resource("concentration_rates.pkml"))
        .withOutputs(List.of("Organism|A", "Organism|B"))
        .withSolver(TIGHT).withPrecision(ResultPrecision.FULL), RunControl.unbounded());
    double[] t = r.times();
    assertThat(t[t.length - 1]).isEqualTo(100);
    for (int i = 0; i < t.length; i++) {
      double a = 100 - 0.2 * t[i];
      double b = 100 * Math.exp(-0.01 * t[i]);
      assertThat(r.series("Organism|A").orElseThrow().values()[i]).isCloseTo(a, within(REL * a));
      assertThat(r.series("Organism|B").orElseThrow().values()[i]).isCloseTo(b, within(REL * b));
    }
  }
}
