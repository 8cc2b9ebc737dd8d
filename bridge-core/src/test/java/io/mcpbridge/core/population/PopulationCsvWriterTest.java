package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PopulationCsvWriterTest {
  private final UnitCatalog units = UnitCatalog.standard();

  @Test
  void writtenPopulationsReadBackToTheSameValues() throws IOException {
    Population original = new Population(
        List.of("Organism|Weight", "Organism|Height", "Organism|k"),
        List.of("Gender", "Population Name"),
        List.of(
            new PopulationIndividual(0, List.of("MALE", "European, ICRP"), new double[] {73.123456789012345, 17.6, 0.1 / 3}),
            new PopulationIndividual(7, List.of("FEMALE", "say \"hi\""), new double[] {1e-300, 16.0, Math.PI})));
    Map<String, String> dimensions = PopulationModels.small().quantities().stream()
        .collect(Collectors.toMap(QuantityInfo::path, QuantityInfo::dimension));
    StringWriter out = new StringWriter();
    new PopulationCsvWriter(units).write(original, dimensions, out);

    assertThat(out.toString()).startsWith(
        "\"IndividualId\",\"Gender\",\"Population Name\",\"Organism|Weight [kg]\",\"Organism|Height [dm]\",\"Organism|k [1/min]\"\n");
    Population back = new PopulationCsvReader(units, PopulationCsvReader.Options.defaults())
        .read(out.toString().getBytes(StandardCharsets.UTF_8), "export.csv", PopulationModels.small())
        .population();
    assertThat(back.parameterPaths()).isEqualTo(original.parameterPaths());
    assertThat(back.covariateNames()).isEqualTo(original.covariateNames());
    for (int i = 0; i < original.size(); i++) {
      assertThat(back.individuals().get(i).id()).isEqualTo(original.individuals().get(i).id());
      assertThat(back.individuals().get(i).covariates()).isEqualTo(original.individuals().get(i).covariates());
      assertThat(back.individuals().get(i).values()).isEqualTo(original.individuals().get(i).values());
    }
  }

  @Test
  void pathsOfDimensionsOutsideTheCatalogAreWrittenBareInBaseUnits() throws IOException {
    Population p = new Population(List.of("Organism|odd"), List.of(),
        List.of(new PopulationIndividual(0, List.of(), new double[] {2.5})));
    StringWriter out = new StringWriter();
    new PopulationCsvWriter(units).write(p, Map.of("Organism|odd", "No such dimension"), out);
    assertThat(out.toString()).isEqualTo("\"IndividualId\",\"Organism|odd\"\n0,2.5\n");
  }
}
