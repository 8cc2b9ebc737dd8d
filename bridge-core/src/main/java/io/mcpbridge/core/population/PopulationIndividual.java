package io.mcpbridge.core.population;

import java.util.List;
import java.util.Objects;

/**
 * One individual of a population.
 *
 * @param id the {@code IndividualId}
 * @param covariates one text value per covariate name of the population, in its order
 * @param values one value per parameter path of the population, in its order, in base units
 */
public record PopulationIndividual(int id, List<String> covariates, double[] values) {
  public PopulationIndividual {
    covariates = List.copyOf(covariates);
    Objects.requireNonNull(values, "values");
  }
}
