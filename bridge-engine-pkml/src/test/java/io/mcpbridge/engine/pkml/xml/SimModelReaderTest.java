package io.mcpbridge.engine.pkml.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.engine.pkml.model.Entity;
import io.mcpbridge.engine.pkml.model.EntityKind;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.FormulaKind;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.PathResolver;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SimModel XML reader on small hand-written documents: the tree it builds and what it refuses. */
class SimModelReaderTest {
  private static final String SOLVER = """
      <P id="13" name="AbsTol" path="AbsTol" value="1E-10"/>
      <P id="14" name="RelTol" path="RelTol" formulaId="90"/>
      <P id="15" name="H0" path="H0" value="1E-10"/>
      </ParameterList>
      <Solver name="CVODE">
        <AbsTol id="13"/><RelTol id="14"/><H0 id="15"/>
      </Solver>
      <OutputSchema><OutputIntervalList>
        <OutputInterval distribution="Uniform"><StartTime>0</StartTime><EndTime>10</EndTime>
          <NumberOfTimePoints>11</NumberOfTimePoints></OutputInterval>
      </OutputIntervalList><OutputTimeList><OutputTime>2.5</OutputTime></OutputTimeList></OutputSchema>
      """;

  /** A one-variable model: M' = −k·M with a concentration parameter below M and a table parameter. */
  static String document(String formulas, String extraParameters) {
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <Simulation objectPathDelimiter="|" version="4" xmlns="http://www.systems-biology.com">
        <FormulaList>
          <ExplicitFormula id="5"><Equation>-k*M</Equation>
            <ReferenceList><R alias="k" id="1"/><R alias="M" id="2"/></ReferenceList></ExplicitFormula>
          <ExplicitFormula id="6"><Equation>M/V</Equation>
            <ReferenceList><R alias="M" id="2"/><R alias="V" id="4"/></ReferenceList></ExplicitFormula>
          <ExplicitFormula id="90"><Equation>1E-06</Equation></ExplicitFormula>
          <TableFormula id="7" useDerivedValues="0"><PointList>
            <Point x="0" y="1" restartSolver="0"/><Point x="5" y="2" restartSolver="1"/></PointList></TableFormula>
          """ + formulas + """
        </FormulaList>
        <VariableList>
          <V id="2" name="M" path="Sim|Organism|M" unit="µmol" persistable="1" value="10">
            <ScaleFactor>2</ScaleFactor><RHSFormulaList><RHSFormula id="5"/></RHSFormulaList></V>
        </VariableList>
        <ParameterList>
          <P id="1" name="k" path="Sim|Organism|k" unit="1/min" value="0.5"/>
          <P id="3" name="Concentration" path="Sim|Organism|M|Concentration" unit="µmol/l" formulaId="6"/>
          <P id="4" name="Volume" path="Sim|Organism|Volume" unit="l" value="2"/>
          <P id="8" name="T" path="Sim|Organism|T" formulaId="7"/>
        """ + extraParameters + SOLVER + "</Simulation>";
  }

  private static SimulationFile read(String xml) {
    return SimulationFiles.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void buildsTheContainerTreeWithTheSimulationNameAsRoot() {
    SimulationFile f = read(document("", ""));
    assertThat(f.name()).isEqualTo("Sim");
    assertThat(f.transferVersion()).isEqualTo(4);
    PathResolver paths = new PathResolver(f.root());
    Entity m = paths.byPath("Organism|M");
    assertThat(m.kind()).isEqualTo(EntityKind.MOLECULE_AMOUNT);
    assertThat(m.attribute("scaleFactor")).isEqualTo("2");
    assertThat(m.attribute("dim")).isEqualTo("Amount");
    assertThat(m.flag("negativeValuesAllowed", false)).as("the kernel's default").isTrue();
    assertThat(paths.byPath("Organism|M|Concentration").kind()).isEqualTo(EntityKind.PARAMETER);
    assertThat(m.children()).filteredOn(c -> c.kind() == EntityKind.REACTION).singleElement()
        .satisfies(rhs -> assertThat(rhs.products()).singleElement().satisfies(p -> assertThat(p.amountId()).isEqualTo("2")));
    assertThat(paths.byPath("AbsTol")).isNotNull();
  }

  @Test
  void idReferencesBecomeRootAbsolutePathsThatResolveToTheSameEntity() {
    SimulationFile f = read(document("", ""));
    FormulaDef concentration = f.formulas().get("6");
    PathResolver paths = new PathResolver(f.root());
    Entity user = paths.byPath("Organism|M|Concentration");
    assertThat(paths.resolve(user, concentration.reference("M").path())).isSameAs(paths.byPath("Organism|M"));
    assertThat(paths.resolve(user, concentration.reference("V").path())).isSameAs(paths.byPath("Organism|Volume"));
    assertThat(f.formulas().get("7").kind()).isEqualTo(FormulaKind.TABLE);
    assertThat(f.formulas().get("7").points().get(1).restartSolver()).isTrue();
  }

  @Test
  void settingsComeFromTheSolverParametersAndTheOutputSchema() {
    SimulationFile f = read(document("", ""));
    assertThat(f.settings().solverParameters().get("Absolute tolerance").value()).isEqualTo(1e-10);
    assertThat(f.settings().solverParameters().get("Relative tolerance").formulaId()).isEqualTo("90");
    assertThat(f.settings().outputIntervals()).hasSize(2);
    assertThat(f.settings().outputIntervals().get(0).get("Resolution").value()).isEqualTo(1.0);
    assertThat(f.settings().outputIntervals().get(1).get("Start time").value()).isEqualTo(2.5);
  }

  @Test
  void tablesWithXArgumentAndOffsetReferToTheirQuantities() {
    SimulationFile f = read(document("""
        <TableFormulaWithXArgument id="20"><Table id="8"/><XArgument id="1"/></TableFormulaWithXArgument>
        <TableFormulaWithOffset id="21"><Table id="8"/><Offset id="4"/></TableFormulaWithOffset>
        """, """
        <P id="30" name="X" path="Sim|Organism|X" formulaId="20"/>
        <P id="31" name="O" path="Sim|Organism|O" formulaId="21"/>
        """));
    assertThat(f.formulas().get("20").kind()).isEqualTo(FormulaKind.TABLE_WITH_X_ARGUMENT);
    assertThat(f.formulas().get("20").reference("Table").path()).isEqualTo("Sim|Organism|T");
    assertThat(f.formulas().get("21").secondAlias()).isEqualTo("Offset");
    assertThat(f.formulas().get("21").reference("Offset").path()).isEqualTo("Sim|Organism|Volume");
  }

  @Test
  void danglingReferenceNamesFormulaAliasAndId() {
    String xml = document("", "").replace("<R alias=\"V\" id=\"4\"/>", "<R alias=\"V\" id=\"404\"/>");
    assertThatThrownBy(() -> read(xml)).isInstanceOf(ModelDefinitionException.class)
        .hasMessageContaining("formula 6").hasMessageContaining("'V'").hasMessageContaining("id 404");
  }

  @Test
  void unknownFormulaKindDuplicateIdsAndMissingPartsAreRefused() {
    assertThatThrownBy(() -> read(document("<SumFormula id=\"40\"/>", "")))
        .hasMessageContaining("formula 40").hasMessageContaining("<SumFormula>");
    assertThatThrownBy(() -> read(document("<ExplicitFormula id=\"5\"><Equation>1</Equation></ExplicitFormula>", "")))
        .hasMessageContaining("formula id 5 occurs twice");
    assertThatThrownBy(() -> read(document("", "<P id=\"1\" name=\"k2\" path=\"Sim|Organism|k2\" value=\"1\"/>")))
        .hasMessageContaining("id 1 occurs twice");
    assertThatThrownBy(() -> read(document("", "").replaceAll("(?s)<Solver.*</Solver>", "")))
        .hasMessageContaining("no <Solver>");
    assertThatThrownBy(() -> read(document("", "<P id=\"50\" name=\"E\" path=\"Sim|E\"/>")))
        .hasMessageContaining("parameter 'E' (id 50) has neither a value nor a formula");
    assertThatThrownBy(() -> read(document("", "").replace("<Point x=\"5\"", "<Point x=\"0\"")))
        .hasMessageContaining("table formula 7").hasMessageContaining("strictly increasing");
  }

  @Test
  void doctypeExternalEntitiesAndForeignRootsAreRefused() {
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<Simulation version=\"4\">&e;</Simulation>";
    assertThatThrownBy(() -> read(xxe)).isInstanceOf(ModelDefinitionException.class).hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> read("<project/>")).hasMessageContaining("root element <project>");
    assertThatThrownBy(() -> read(document("", "").replace("version=\"4\"", "version=\"7\"")))
        .hasMessageContaining("unsupported SimModel version 7");
    assertThatThrownBy(() -> read("<Simulation version=\"4\"><FormulaList>"))
        .hasMessageContaining("malformed XML");
  }
}
