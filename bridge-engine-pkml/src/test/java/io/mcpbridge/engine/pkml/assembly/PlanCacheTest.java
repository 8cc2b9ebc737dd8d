package io.mcpbridge.engine.pkml.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.engine.pkml.solver.StepMonitor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation plans are shared by runs whose rules differ only in fixed numbers. */
class PlanCacheTest {

  private static RunOutcome run(PkmlModel m, Map<Integer, Double> overrides, int[] outputs) {
    return m.run(overrides, outputs, new double[] {0, 5, 10, 20, 30}, m.solverSettings(), StepMonitor.NONE);
  }

  @Test
  void runsWithOtherValuesForTheSameParametersReuseThePlans() throws Exception {
    PkmlModel m = SimplificationTest.resource("bateman.pkml");
    int ka = m.slotOf("Organism|ka").orElseThrow();
    int central = m.slotOf("Organism|Central").orElseThrow();
    run(m, Map.of(ka, 0.1), new int[] {central});
    int afterFirst = m.plans().size();
    assertThat(afterFirst).isPositive();
    for (int i = 1; i <= 10; i++) {
      run(m, Map.of(ka, 0.1 * i), new int[] {central});
    }
    assertThat(m.plans().size()).isEqualTo(afterFirst);
  }

  /**
   * ke = 0 removes terms and an unknown (SimplificationTest): that run needs plans of its own, and
   * the runs around it still get their own, so every result equals that of a model never run before.
   */
  @Test
  void aValueThatChangesTheSystemGetsItsOwnPlans() throws Exception {
    PkmlModel shared = SimplificationTest.resource("bateman.pkml");
    int ke = shared.slotOf("Organism|ke").orElseThrow();
    int[] outputs = {shared.slotOf("Organism|Central").orElseThrow(), shared.slotOf("Organism|X").orElseThrow()};
    run(shared, Map.of(ke, 0.02), outputs);
    int plansBefore = shared.plans().size();
    for (double value : new double[] {0.0, 0.02, 0.0, 0.07}) {
      RunOutcome reused = run(shared, Map.of(ke, value), outputs);
      RunOutcome fresh = run(SimplificationTest.resource("bateman.pkml"), Map.of(ke, value), outputs);
      for (int o = 0; o < outputs.length; o++) {
        assertThat(reused.values()[o]).as("ke = %s, output %d", value, o).containsExactly(fresh.values()[o]);
      }
    }
    assertThat(shared.plans().size()).isGreaterThan(plansBefore);
  }
}
