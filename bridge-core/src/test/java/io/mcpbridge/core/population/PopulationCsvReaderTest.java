package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationCsvReaderTest {
  private final LoadedModel model = PopulationModels.small();
  private final PopulationCsvReader reader =
      new PopulationCsvReader(UnitCatalog.standard(), PopulationCsvReader.Options.defaults());

  private PopulationFile read(String text) {
    return reader.read(text.getBytes(StandardCharsets.UTF_8), "pop.csv", model);
  }

  @Test
  void pkSim9LayoutWithCommentsQuotedHeadersUnitsAndCovariates() {
    PopulationFile file = read("""
        #Project: Undefined
        #PK-Sim version: 9.0.0
        "IndividualId","Gender","Population","Population Name","Organism|Weight [g]","Organism|p1 [mmol]","Organism|k [1/h]"
        0,MALE,ICRP,Pop,70000,2,60
        1,FEMALE,ICRP,"Pop, adults",65000,0.5,30
        """);
    Population p = file.population();
    assertThat(p.parameterPaths()).containsExactly("Organism|Weight", "Organism|p1", "Organism|k");
    assertThat(p.covariateNames()).containsExactly("Gender", "Population", "Population Name");
    assertThat(p.individuals()).extracting(PopulationIndividual::id).containsExactly(0, 1);
    assertThat(p.individuals().get(0).values()).containsExactly(70.0, 2000.0, 1.0);
    assertThat(p.individuals().get(1).values()).containsExactly(65.0, 500.0, 0.5);
    assertThat(p.individuals().get(1).covariates()).containsExactly("FEMALE", "ICRP", "Pop, adults");
    assertThat(file.skippedPaths()).isEmpty();
  }

  @Test
  void semicolonsBarePathsInBaseUnitsAndTheBomOfPkSim7() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text = "#Project: 7.2_BSA_Example\r\n#PK-Sim version: 7.2.0.51\r\n"
        + "IndividualId;Gender;RaceIndex;Population Name;Organism|Weight;Organism|Height\r\n"
        + "0;1;0;European_ICRP_2002;73.5;17.6\r\n"
        + "1;2;0;European_ICRP_2002;60.25;16.4\r\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Population p = reader.read(all, "pk7.csv", model).population();
    assertThat(p.covariateNames()).containsExactly("Gender", "RaceIndex", "Population Name");
    assertThat(p.individuals().get(0).values()).containsExactly(73.5, 17.6);
    assertThat(p.individuals().get(1).covariates()).containsExactly("2", "0", "European_ICRP_2002");
  }

  @Test
  void windows1252MicroSignInAUnit() {
    byte[] bytes = "IndividualId,Organism|p1 [\u00B5mol]\n0,3\n".getBytes(TextDecoding.WINDOWS_1252);
    assertThat(bytes).contains((byte) 0xB5);
    Population p = reader.read(bytes, "old.csv", model).population();
    assertThat(p.individuals().get(0).values()).containsExactly(3.0);
  }

  @Test
  void utf8MicroSignWithoutBom() {
    Population p = read("IndividualId,Organism|p1 [µmol],Organism|Liver|Volume [ml]\n4,3,250\n").population();
    assertThat(p.individuals().get(0).id()).isEqualTo(4);
    assertThat(p.individuals().get(0).values()).containsExactly(3.0, 0.25);
  }

  @Test
  void pathsMayStartWithTheSimulationName() {
    Population p = read("IndividualId,Small|Organism|Weight [kg],Organism|Height [cm]\n0,70,176\n").population();
    assertThat(p.parameterPaths()).containsExactly("Organism|Weight", "Organism|Height");
    assertThat(p.individuals().get(0).values()).containsExactly(70.0, 17.6);
  }

  @Test
  void unknownPathsAreListedInOneError() {
    assertThatThrownBy(() -> read("IndividualId,Organism|Nope [kg],Organism|Weight [kg],Other|Thing\n0,1,2,3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'Organism|Nope'")
        .hasMessageContaining("'Other|Thing'")
        .hasMessageNotContaining("'Organism|Weight'");
  }

  @Test
  void unknownPathsAreSkippedOnRequest() {
    PopulationCsvReader skipping = new PopulationCsvReader(UnitCatalog.standard(),
        PopulationCsvReader.Options.defaults().skippingUnknownPaths());
    PopulationFile file = skipping.read(
        "IndividualId,Organism|Nope [kg],Organism|Weight [kg]\n0,1,2\n".getBytes(StandardCharsets.UTF_8), "p.csv", model);
    assertThat(file.skippedPaths()).containsExactly("Organism|Nope");
    assertThat(file.population().parameterPaths()).containsExactly("Organism|Weight");
  }

  @Test
  void missingIndividualIdIsRefused() {
    assertThatThrownBy(() -> read("Gender,Organism|Weight [kg]\nMALE,70\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no IndividualId column");
  }

  @Test
  void duplicateIdsAreRefusedWithTheLine() {
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\n0,70\n1,71\n0,72\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining("IndividualId 0 appears more than once");
  }

  @Test
  void nonNumericValuesAreRefusedWithLineAndColumn() {
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\n0,70\n1,7O\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'7O'")
        .hasMessageContaining("Organism|Weight [kg]");
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\n0,70,5\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected 2 fields, found 3");
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\nzero,70\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a non-negative integer");
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\n0,1f\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a number");
  }

  @Test
  void wrongUnitsAreListedTogether() {
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [l],Organism|Height [furlong]\n0,70,3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unit 'l' does not fit the dimension 'Mass'")
        .hasMessageContaining("unit 'furlong' does not fit the dimension 'Length'");
  }

  @Test
  void duplicateColumnsAndAHeaderWithoutRowsAreRefused() {
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg],Organism|Weight [g]\n0,1,2\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than one column");
    assertThatThrownBy(() -> read("#only comments\n\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> read("IndividualId,Organism|Weight [kg]\n"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no individuals");
  }

  @Test
  void aFileAboveTheSizeLimitIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.csv");
    Files.writeString(big, "IndividualId,Organism|Weight [kg]\n0,70\n");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(2L << 30); // a sparse 2 GiB file
    }
    assertThatThrownBy(() -> reader.read(big, model))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2147483648 bytes, more than the limit of 67108864 bytes");
  }

  @Test
  void tooManyIndividualsAreRefused() {
    PopulationCsvReader small = new PopulationCsvReader(UnitCatalog.standard(),
        new PopulationCsvReader.Options(1 << 20, 2, false));
    assertThatThrownBy(() -> small.read("IndividualId,Organism|k\n0,1\n1,1\n2,1\n".getBytes(StandardCharsets.UTF_8),
        "p.csv", model)).isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 2 individuals");
  }

  @Test
  void theReferencePopulationOfPkSim7ReadsWithItsParameterColumnsAsBareBasePaths() throws IOException {
    Path file = ReferencePopulation.file("simmodel-xml", "pksim-europeans-iv-bsa", "Europeans_IVSingle_BSA.csv");
    List<String> header = List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(2).replace("\uFEFF", "").split(";"));
    LoadedModel everything = new LoadedModel(model.ref(), "S1",
        header.stream().filter(h -> h.contains("|")).map(h -> PopulationModels.parameter(h, "Dimensionless")).toList(),
        List.of(), List.of(), model.solver());
    Population p = reader.read(file, everything).population();
    assertThat(p.covariateNames()).containsExactly("Gender", "RaceIndex", "Population Name");
    assertThat(p.parameterPaths()).hasSize((int) header.stream().filter(h -> h.contains("|")).count());
    String firstRow = Files.readAllLines(file, StandardCharsets.UTF_8).get(3);
    String[] fields = firstRow.split(";");
    int weight = header.indexOf("Organism|Weight");
    assertThat(p.individuals().get(0).values()[p.parameterPaths().indexOf("Organism|Weight")])
        .isEqualTo(Double.parseDouble(fields[weight]));
    assertThat(p.size()).isEqualTo(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("\uFEFF#")).count() - 1);
  }
}
