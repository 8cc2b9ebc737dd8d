package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.testing.ReferenceData;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class OspResultCsvTest {
  private final OspResultCsv csv = new OspResultCsv();

  private OspResultCsv.Result parse(String text) {
    return csv.parse(new StringReader(text));
  }

  @Test
  void readsOspPopulationLayoutAndConvertsToBaseUnits() {
    OspResultCsv.Result r =
        parse(
            "\uFEFFIndividualId,Time [h],Organism|Plasma [nmol/l],Organism|Liver|A [mg]\n"
                + "0,0,1000,1\n"
                + "0,1,500,2\n"
                + "1,0,2000,3\n"
                + "1,1,800,4\n");
    assertThat(r.individuals()).extracting(OspResultCsv.Individual::individualId).containsExactly(0, 1);
    OspResultCsv.Individual first = r.individuals().get(0);
    assertThat(first.times()).containsExactly(0.0, 60.0);
    TimeSeries plasma = first.series().get(0);
    assertThat(plasma.path()).isEqualTo("Organism|Plasma");
    assertThat(plasma.dimension()).isEqualTo("Concentration (molar)");
    assertThat(plasma.values()).containsExactly(1.0, 0.5);
    TimeSeries liver = first.series().get(1);
    assertThat(liver.dimension()).isEqualTo("Mass");
    assertThat(liver.values()[1]).isCloseTo(2e-6, within(1e-21));
    assertThat(r.individuals().get(1).series().get(0).values()).containsExactly(2.0, 0.8);
  }

  @Test
  void quotedFieldsAndSemicolons() {
    OspResultCsv.Result r =
        parse(
            "\"Time [min]\";\"Organism|A, \"\"free\"\" [µmol]\"\n"
                + "0;\"1.5\"\n"
                + "1;2.5e0\n");
    OspResultCsv.Individual ind = r.individuals().get(0);
    assertThat(ind.individualId()).isZero();
    assertThat(ind.series().get(0).path()).isEqualTo("Organism|A, \"free\"");
    assertThat(ind.series().get(0).values()).containsExactly(1.5, 2.5);
  }

  @Test
  void headerlessSemicolonFileOfTheOspPkSpecs() {
    OspResultCsv.Result r = csv.parse(ReferenceData.file("pk-calculator", "SingleDosing_CL.csv"));
    OspResultCsv.Individual ind = r.individuals().get(0);
    assertThat(ind.times()).hasSize(65);
    assertThat(ind.times()[1]).isEqualTo(0.050000001);
    assertThat(ind.series().get(0).values()[1]).isEqualTo(23.07205582);
    assertThat(ind.series().get(0).dimension()).isEqualTo("Concentration (molar)");
  }

  @Test
  void readsTheReferenceResultFiles() {
    OspResultCsv.Result r =
        csv.parse(ReferenceData.file("results", "aciclovir_population_pop_csv_ospsuiteR_snapshot.csv"));
    assertThat(r.individuals()).isNotEmpty();
    assertThat(r.individuals().get(0).series()).hasSize(2);
    assertThat(r.individuals().get(0).series().get(0).dimension()).isEqualTo("Concentration (molar)");
  }

  @Test
  void commentsAndBlankLinesAreSkipped() {
    OspResultCsv.Result r = parse("# exported\n\nTime [min],X [l]\n0,1\n\n1,2\n");
    assertThat(r.individuals().get(0).series().get(0).values()).containsExactly(1.0, 2.0);
  }

  @Test
  void wrongFieldCountNamesTheLine() {
    assertThatThrownBy(() -> parse("Time [min],X [l]\n0,1\n1,2,3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("expected 2 fields, found 3");
  }

  @Test
  void nonNumberNamesLineAndColumn() {
    assertThatThrownBy(() -> parse("Time [min],X [l]\n0,1\n1,abc\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3, column 2")
        .hasMessageContaining("'abc'");
    // Decimal commas are not numbers here.
    assertThatThrownBy(() -> parse("Time [min];X [l]\n0;1,5\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void badQuotesAreReported() {
    assertThatThrownBy(() -> parse("Time [min],X [l]\n0,\"1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> parse("Time [min],X [l]\n0,\"1\"2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void unknownUnitInHeaderIsReported() {
    assertThatThrownBy(() -> parse("Time [min],Organism|X [furlong]\n0,1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("furlong");
    assertThatThrownBy(() -> parse("Time [mg],X [l]\n0,1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'mg'")
        .hasMessageContaining("'Time'");
    assertThatThrownBy(() -> parse("Clock [min],X [l]\n0,1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Time [unit]");
  }

  @Test
  void emptyOrHeaderOnlyInputIsReported() {
    assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> parse("Time [min],X [l]\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no data rows");
  }

  @Test
  void sizeIsBounded() {
    OspResultCsv small =
        new OspResultCsv(UnitCatalog.standard(), new OspResultCsv.Options("Concentration (molar)", 30, 10));
    assertThatThrownBy(() -> small.parse(new StringReader("Time [min],X [l]\n0,1\n1,2\n2,3\n3,4\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    OspResultCsv fewRows =
        new OspResultCsv(UnitCatalog.standard(), new OspResultCsv.Options("Concentration (molar)", 1000, 2));
    assertThatThrownBy(() -> fewRows.parse(new StringReader("Time [min],X [l]\n0,1\n1,2\n2,3\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 data rows");
  }
}
