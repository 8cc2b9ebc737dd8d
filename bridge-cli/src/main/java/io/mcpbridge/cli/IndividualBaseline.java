package io.mcpbridge.cli;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.population.Population;
import io.mcpbridge.core.population.PopulationCsvReader;
import io.mcpbridge.core.population.PopulationIndividual;
import io.mcpbridge.core.units.UnitCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --population FILE --individual ID}: the values of one individual of a population file, read
 * as {@code bridge population run} reads it (units converted, paths resolved against the model,
 * unknown paths refused), as overrides in base units.
 */
final class IndividualBaseline {
  private IndividualBaseline() {}

  /**
   * The individual's parameter values.
   *
   * @throws InvalidInputException if the file cannot be read as a population of this model, or has
   *     no individual with this id
   */
  static List<ParameterOverride> of(Path file, int id, LoadedModel model, UnitCatalog units) {
    Population population = new PopulationCsvReader(units, PopulationCsvReader.Options.defaults())
        .read(file, model).population();
    List<PopulationIndividual> individuals = population.individuals();
    for (int index = 0; index < individuals.size(); index++) {
      if (individuals.get(index).id() == id) {
        return population.overridesOf(index);
      }
    }
    int lowest = individuals.stream().mapToInt(PopulationIndividual::id).min().orElse(0);
    int highest = individuals.stream().mapToInt(PopulationIndividual::id).max().orElse(0);
    String ids = individuals.isEmpty() ? "it has no individuals"
        : "its " + individuals.size() + " individuals have ids " + lowest + " to " + highest;
    throw new InvalidInputException("--individual " + id + ": " + file.getFileName() + " has no individual with "
        + "IndividualId " + id + " (" + ids + ")");
  }
}
