package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import org.junit.jupiter.api.Test;

/**
 * Formulas that reference an observer see the value stored at the last output time (PKML-ENGINE.md
 * §4.2, docs/adr/0004-observer-lag.md), on observer_lag.pkml: amount A (100 µmol) is eliminated at
 * the rate k·Observed with k = 0.1/min, where the observer Observed = A; the observer Twice = 2·Observed
 * and the parameter Lagged = Observed read it too. A non-one-time event with the condition Time ≥ 0
 * fires at every check (t = 0 and each output time, 1 min apart), counts itself in Checks and thereby
 * re-initialises the integrator there, so every output interval starts from a fresh history.
 */
class ObserverLagTest {
  /**
   * Within each interval the rate is the constant k·A(t_k), so A falls linearly and the solution is
   * exact for BDF (constant right-hand side, zero Jacobian): only rounding remains, far below 1e-9.
   */
  private static final double REL = 1e-9;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  @Test
  void formulasSeeTheObserverStoredAtTheLastOutputTime() {
    SimulationResult r = engine.run(SimulationSpec.of(SemanticsTest.resource("observer_lag.pkml"))
        .withPrecision(ResultPrecision.FULL), RunControl.unbounded());
    double[] t = r.times();
    assertThat(t).hasSize(11);
    double[] a = r.series("Organism|A").orElseThrow().values();
    double[] observed = r.series("Organism|A|Observed").orElseThrow().values();
    double[] twice = r.series("Organism|A|Twice").orElseThrow().values();
    double[] lagged = r.series("Organism|Lagged").orElseThrow().values();
    double[] checks = r.series("Organism|Checks").orElseThrow().values();
    for (int k = 0; k < t.length; k++) {
      // Lagged rate: A(t_{k+1}) = A(t_k)·(1 − k·Δt) with Δt = 1.
      double expected = 100 * Math.pow(0.9, k);
      double previous = 100 * Math.pow(0.9, Math.max(0, k - 1));
      assertThat(a[k]).as("A at %s", t[k]).isCloseTo(expected, within(REL * expected));
      assertThat(observed[k]).as("the observer itself is fresh at %s", t[k]).isCloseTo(a[k], within(REL * a[k]));
      assertThat(twice[k]).as("observer of an observer at %s", t[k]).isCloseTo(2 * previous, within(REL * previous));
      assertThat(lagged[k]).as("parameter reading an observer at %s", t[k]).isCloseTo(previous, within(REL * previous));
      assertThat(checks[k]).as("event checks up to %s", t[k]).isEqualTo(k + 1);
    }
    // With fresh observer values the rate would be k·A and A(10) = 100·e^(-1) = 36.79 instead of 34.87.
    assertThat(Math.abs(a[10] - 100 * Math.exp(-1)) / a[10]).isGreaterThan(0.05);
  }

  @Test
  void observerValuesAtTimeZeroAreComputedFresh() {
    LoadedModel loaded = engine.load(SemanticsTest.resource("observer_lag.pkml"));
    assertThat(loaded.quantity("Organism|A|Observed").orElseThrow().value()).isEqualTo(100);
    assertThat(loaded.quantity("Organism|A|Twice").orElseThrow().value()).isEqualTo(200);
    assertThat(loaded.quantity("Organism|Lagged").orElseThrow().value()).isEqualTo(100);
  }
}
