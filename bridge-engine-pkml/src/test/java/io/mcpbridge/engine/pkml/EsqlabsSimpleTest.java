package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import org.junit.jupiter.api.Test;

/** Case A of the reference data: esqlabsR simple.pkml against OSP's own numbers. */
class EsqlabsSimpleTest {
  /**
   * OSP (CVODES) numbers are reproduced by a CVODE-faithful integrator to float precision; the
   * tolerance allows for the float32 storage of every output (~6e-8) and a few ulps of difference
   * in the Newton iteration, and is far below the 1e-4 change removing one unknown would cause.
   */
  private static final double REL = 1e-6;

  private final PkmlSimulationEngine engine = EngineFixture.engine();
  private final ModelRef ref = EngineFixture.ref(ReferenceData.model("esqlabsR_simple.pkml"));

  @Test
  void structure() {
    LoadedModel m = engine.load(ref);
    assertThat(m.name()).isEqualTo("Simple");
    assertThat(m.quantities().stream().filter(QuantityInfo::stateVariable).map(QuantityInfo::path).toList())
        .containsExactlyInAnyOrder("Organism|Liver|A", "Organism|Liver|B", "Organism|A", "Organism|B",
            "Organism|RHSParameter");
    assertThat(m.outputIntervals()).hasSize(1);
    assertThat(m.outputIntervals().get(0).endTime()).isEqualTo(300);
    assertThat(m.solver().absTol()).isEqualTo(1e-9);
    assertThat(m.solver().relTol()).isEqualTo(1e-4);
    assertThat(m.quantity("Organism|Liver|A|Concentration").orElseThrow().value()).isEqualTo(3.0);
    assertThat(m.quantity("Organism|TableParameter").orElseThrow().value()).isEqualTo(1.0);
    assertThat(m.quantity("Organism|TableParameter").orElseThrow().formulaDriven()).isTrue();
  }

  @Test
  void dynamicsMatchOsp() {
    SimulationResult r = engine.run(SimulationSpec.of(ref), RunControl.unbounded());
    double[] t = r.times();
    assertThat(t).hasSize(21);
    for (int i = 0; i < t.length; i++) {
      assertThat(t[i]).isEqualTo(15.0 * i);
    }
    TimeSeries liverA = r.series("Organism|Liver|A").orElseThrow();
    TimeSeries liverB = r.series("Organism|Liver|B").orElseThrow();
    TimeSeries a = r.series("Organism|A").orElseThrow();
    TimeSeries b = r.series("Organism|B").orElseThrow();
    report("Liver A", EngineFixture.max(liverA), 30.0, EngineFixture.auc(t, liverA), 2857.5513929128642);
    report("Liver B", EngineFixture.max(liverB), 33.5021171569824, EngineFixture.auc(t, liverB), 7642.448587417604);
    report("A", EngineFixture.max(a), 40.0, EngineFixture.auc(t, a), 3810.068539381027);

    assertThat(EngineFixture.max(liverA)).isCloseTo(30.0, within(30.0 * REL));
    assertThat(EngineFixture.argMax(t, liverA)).isEqualTo(0);
    assertThat(EngineFixture.auc(t, liverA)).isCloseTo(2857.5513929128642, within(2857.55 * REL));
    assertThat(EngineFixture.max(liverB)).isCloseTo(33.5021171569824, within(33.5 * REL));
    assertThat(EngineFixture.argMax(t, liverB)).isEqualTo(300);
    assertThat(EngineFixture.auc(t, liverB)).isCloseTo(7642.448587417604, within(7642.4 * REL));
    assertThat(EngineFixture.max(a)).isCloseTo(40.0, within(40 * REL));
    assertThat(EngineFixture.auc(t, a)).isCloseTo(3810.068539381027, within(3810 * REL));
    // A -> B conserves the amount per compartment; float32 storage limits this to ~4e-6 absolute.
    for (int i = 0; i < t.length; i++) {
      assertThat(liverA.values()[i] + liverB.values()[i]).isCloseTo(35.0, within(1e-5));
      assertThat(a.values()[i] + b.values()[i]).isCloseTo(50.0, within(1e-5));
    }
  }

  private static void report(String what, double cmax, double cmaxOsp, double auc, double aucOsp) {
    System.out.printf("case A %s: Cmax %.10g (rel dev %.2e), AUC %.10g (rel dev %.2e)%n", what, cmax,
        (cmax - cmaxOsp) / cmaxOsp, auc, (auc - aucOsp) / aucOsp);
  }
}
