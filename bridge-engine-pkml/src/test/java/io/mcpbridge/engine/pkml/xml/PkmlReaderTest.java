package io.mcpbridge.engine.pkml.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.engine.pkml.ReferenceData;
import io.mcpbridge.engine.pkml.model.Entity;
import io.mcpbridge.engine.pkml.model.EntityKind;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PkmlReaderTest {

  static Map<EntityKind, Integer> count(Entity e, Map<EntityKind, Integer> into) {
    into.merge(e.kind(), 1, Integer::sum);
    for (Entity c : e.children()) {
      count(c, into);
    }
    return into;
  }

  static SimulationFile read(String model) throws Exception {
    return PkmlReader.read(Files.readAllBytes(ReferenceData.model(model)));
  }

  @Test
  void readsEsqlabsSimpleVersion14() throws Exception {
    SimulationFile f = read("esqlabsR_simple.pkml");
    assertThat(f.transferVersion()).isEqualTo(14);
    assertThat(f.name()).isEqualTo("Simple");
    Map<EntityKind, Integer> counts = count(f.root(), new EnumMap<>(EntityKind.class));
    assertThat(counts.get(EntityKind.PARAMETER)).isEqualTo(10);
    assertThat(counts.get(EntityKind.MOLECULE_AMOUNT)).isEqualTo(4);
    assertThat(counts.get(EntityKind.REACTION)).isEqualTo(2);
    assertThat(f.formulas()).hasSize(4);
    assertThat(f.settings().outputSelections()).containsExactly(
        "Organism|B", "Organism|Liver|A", "Organism|Liver|B", "Organism|A");
    assertThat(f.settings().solverParameters().get("Absolute tolerance").value()).isEqualTo(1e-9);
    assertThat(f.settings().outputIntervals()).hasSize(1);
    assertThat(f.settings().outputIntervals().get(0).get("End time").fixedValue()).isTrue();
    assertThat(f.settings().formulas()).containsKey("wTp3cHuy8Eu1XKLPbuxIFA");
  }

  @Test
  void readsAllReferenceModels() throws Exception {
    for (String m : new String[] {"esqlabsR_simple2.pkml", "ospsuiteR_tests_simple.pkml",
        "ospsuiteR_extdata_simple.pkml", "ospsuiteR_concentration_based.pkml",
        "extra_no_reference_numbers/pksim_simple_simulation.pkml", "extra_no_reference_numbers/not_ok_sim.pkml",
        "extra_no_reference_numbers/sc_model_2c.pkml", "extra_no_reference_numbers/pi_IR_model_doseResponse.pkml"}) {
      long t0 = System.nanoTime();
      SimulationFile f = read(m);
      System.out.println(m + " v" + f.transferVersion() + " " + count(f.root(), new EnumMap<>(EntityKind.class))
          + " formulas " + f.formulas().size() + " solver " + f.settings().solverParameters().keySet()
          + " intervals " + f.settings().outputIntervals().size() + " outputs "
          + f.settings().outputSelections().size() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }
}
