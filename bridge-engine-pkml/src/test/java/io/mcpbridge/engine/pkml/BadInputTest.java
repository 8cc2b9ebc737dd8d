package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file ends in one InvalidInputException naming the file and the problem. */
class BadInputTest {
  @TempDir
  Path dir;

  private final PkmlSimulationEngine engine = EngineFixture.engine();

  private String good() throws Exception {
    return Files.readString(Path.of(getClass().getResource("/pkml/bateman.pkml").toURI()));
  }

  private ModelRef write(String content) throws Exception {
    Path p = dir.resolve("bad.pkml");
    Files.writeString(p, content);
    return EngineFixture.ref(p);
  }

  private void rejects(String content, String... fragments) throws Exception {
    ModelRef ref = write(content);
    var assertion = assertThatThrownBy(() -> engine.load(ref)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.pkml");
    for (String f : fragments) {
      assertion.hasMessageContaining(f);
    }
  }

  @Test
  void malformedXml() throws Exception {
    rejects(good().replace("</Model>", "</Modle>"), "malformed XML", "line");
  }

  @Test
  void doctypeAndEntityExpansionAreRefusedNotExpanded() throws Exception {
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
        + "<SimulationTransfer version=\"14\">&lol3;</SimulationTransfer>";
    rejects(laughs, "DOCTYPE");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<SimulationTransfer version=\"14\">&e;</SimulationTransfer>";
    rejects(xxe, "DOCTYPE");
  }

  @Test
  void oversizedFileIsRejectedBeforeParsing() throws Exception {
    PkmlSimulationEngine small = new PkmlSimulationEngine(new PkmlEngineSettings(1000, 2));
    ModelRef ref = write(good());
    assertThatThrownBy(() -> small.load(ref)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.pkml").hasMessageContaining("limit");
  }

  @Test
  void unknownElementKindInsideTheModel() throws Exception {
    rejects(good().replace("<Container id=\"nbh\"", "<Gadget id=\"g\" /><Container id=\"nbh\""),
        "unsupported element kind <Gadget>");
  }

  @Test
  void unknownFormulaKind() throws Exception {
    rejects(good().replace("<Formulas>\n", "<Formulas>\n<SumFormula id=\"sum1\" />"), "sum1", "SumFormula");
  }

  @Test
  void danglingReference() throws Exception {
    rejects(good().replace("s=\"..|Gut\"", "s=\"..|Stomach\""), "Organism|Absorption", "fAbs", "..|Stomach");
  }

  @Test
  void formulaSyntaxError() throws Exception {
    rejects(good().replace("formula=\"ka*Gut\"", "formula=\"ka*(Gut\""), "fAbs", "ka*(Gut");
  }

  @Test
  void notASimulation() throws Exception {
    rejects("<?xml version=\"1.0\"?><Molecules/>", "not a simulation transfer");
  }

  @Test
  void changedOnDisk() throws Exception {
    ModelRef ref = write(good());
    Files.writeString(ref.path(), good().replace("value=\"100\"", "value=\"101\""));
    assertThatThrownBy(() -> engine.load(ref)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("changed on disk");
  }

  @Test
  void unknownOverrideAndOutputPathsAreNamed() throws Exception {
    ModelRef ref = write(good());
    assertThatThrownBy(() -> engine.run(SimulationSpec.of(ref).withOverride(new ParameterOverride("Organism|nope", 1)),
        RunControl.unbounded())).isInstanceOf(InvalidInputException.class).hasMessageContaining("Organism|nope");
    assertThatThrownBy(() -> engine.run(SimulationSpec.of(ref).withOutputs(java.util.List.of("Nowhere|X")),
        RunControl.unbounded())).isInstanceOf(InvalidInputException.class).hasMessageContaining("Nowhere|X");
  }
}
