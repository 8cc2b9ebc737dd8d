package io.mcpbridge.core.population;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a population in the layout {@link PopulationCsvReader} and PK-Sim read: UTF-8 without BOM,
 * {@code ,} separated, quoted headers, {@code "IndividualId"}, the covariates, then one column per
 * parameter written {@code <path> [<base unit>]} (a bare path when the dimension has no catalog
 * entry, which also means base units). Values are written with {@link Double#toString}, so they
 * read back to the same doubles.
 */
public final class PopulationCsvWriter {
  private final UnitCatalog units;

  public PopulationCsvWriter(UnitCatalog units) {
    this.units = Objects.requireNonNull(units, "units");
  }

  /**
   * Writes the population.
   *
   * @param dimensionByPath OSP dimension name of each parameter path (e.g. from the loaded model)
   */
  public void write(Population population, Map<String, String> dimensionByPath, Writer out) throws IOException {
    StringBuilder line = new StringBuilder("\"IndividualId\"");
    for (String covariate : population.covariateNames()) {
      line.append(",\"").append(covariate.replace("\"", "\"\"")).append('"');
    }
    for (String path : population.parameterPaths()) {
      String header = units.dimension(dimensionByPath.getOrDefault(path, ""))
          .map(Dimension::baseUnit)
          .map(u -> path + " [" + u.name() + "]")
          .orElse(path);
      line.append(",\"").append(header.replace("\"", "\"\"")).append('"');
    }
    out.write(line.append('\n').toString());
    for (PopulationIndividual individual : population.individuals()) {
      line.setLength(0);
      line.append(individual.id());
      for (String covariate : individual.covariates()) {
        line.append(',').append(CsvLine.quote(covariate));
      }
      for (double v : individual.values()) {
        line.append(',').append(Double.toString(v));
      }
      out.write(line.append('\n').toString());
    }
  }
}
