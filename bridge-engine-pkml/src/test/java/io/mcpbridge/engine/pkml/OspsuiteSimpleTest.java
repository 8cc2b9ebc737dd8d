package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import io.mcpbridge.engine.pkml.model.TablePoint;
import io.mcpbridge.engine.pkml.xml.PkmlReader;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Case B: OSPSuite-R simple.pkml (transfer version 18), structure as asserted by OSPSuite-R. */
class OspsuiteSimpleTest {
  private final PkmlSimulationEngine engine = EngineFixture.engine();
  private final ModelRef ref = EngineFixture.ref(ReferenceData.model("ospsuiteR_tests_simple.pkml"));

  @Test
  void structure() throws Exception {
    LoadedModel m = engine.load(ref);
    assertThat(m.outputPaths()).containsExactlyInAnyOrder("Organism|Liver|A", "Organism|Liver|B", "Organism|A", "Organism|B");
    assertThat(m.quantity("Organism|Liver|Volume").orElseThrow().value()).isEqualTo(10);
    assertThat(m.quantity("Organism|FormulaParameter").orElseThrow().value()).isEqualTo(2);
    assertThat(m.quantity("Organism|TableParameter").orElseThrow().value()).isEqualTo(1);
    assertThat(m.quantity("A|Molecular weight").orElseThrow().value()).isNaN();
    assertThat(m.quantity("Organism|DistributedParameter").orElseThrow().value()).isEqualTo(10);
    assertThat(m.solver().absTol()).isEqualTo(1e-9);
    assertThat(m.solver().relTol()).isEqualTo(1e-4);
    assertThat(m.solver().h0()).isEqualTo(1e-10);
    assertThat(m.solver().hMax()).isEqualTo(60);
    assertThat(m.solver().mxStep()).isEqualTo(100_000);
    assertThat(m.outputIntervals().get(0).endTime()).isEqualTo(300);
    assertThat(m.outputIntervals().get(0).resolution()).isCloseTo(0.0667, within(1e-4));
    assertThat(m.quantities().stream().filter(QuantityInfo::stateVariable).map(QuantityInfo::path).toList())
        .containsExactlyInAnyOrder("Organism|Liver|A", "Organism|Liver|B", "Organism|A", "Organism|B",
            "Organism|RHSParameter");
    SimulationFile file = PkmlReader.read(Files.readAllBytes(ref.path()));
    String tableId = file.root().child("Organism").child("TableParameter").attribute("formula");
    FormulaDef table = file.formulas().get(tableId);
    assertThat(table.useDerivedValues()).isFalse();
    assertThat(table.points()).containsExactly(new TablePoint(0, 1, false), new TablePoint(10, 2, false),
        new TablePoint(30, 3, false), new TablePoint(40, 4, false));
  }

  /** Same ODE system as case A, so the OSP numbers of case A apply (at the case A tolerance). */
  @Test
  void dynamicsEqualCaseA() {
    SimulationResult r = engine.run(SimulationSpec.of(ref), RunControl.unbounded());
    assertThat(r.times()).hasSize(21);
    assertThat(r.series()).hasSize(4);
    double auc = EngineFixture.auc(r.times(), r.series("Organism|Liver|B").orElseThrow());
    assertThat(auc).isCloseTo(7642.448587417604, within(7642.4 * 1e-6));
    assertThat(EngineFixture.auc(r.times(), r.series("Organism|Liver|A").orElseThrow()))
        .isCloseTo(2857.5513929128642, within(2857.55 * 1e-6));
  }
}
