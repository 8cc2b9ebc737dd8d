package io.mcpbridge.core.population;

import io.mcpbridge.core.model.ParameterOverride;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual population: individuals with their covariates and their values of a common set of
 * parameter paths (OSP's {@code Population}). Paths are full quantity paths without the simulation
 * name; values are in base units.
 *
 * @param parameterPaths the varied quantity paths, unique
 * @param covariateNames names of the covariate columns (e.g. {@code Gender}), unique
 * @param individuals in file order, ids unique
 */
public record Population(
    List<String> parameterPaths, List<String> covariateNames, List<PopulationIndividual> individuals) {
  public Population {
    parameterPaths = List.copyOf(parameterPaths);
    covariateNames = List.copyOf(covariateNames);
    individuals = List.copyOf(individuals);
    requireUnique(parameterPaths, "parameter path");
    requireUnique(covariateNames, "covariate");
    Set<Integer> ids = new HashSet<>();
    for (PopulationIndividual i : individuals) {
      Objects.requireNonNull(i, "individual");
      if (!ids.add(i.id())) {
        throw new IllegalArgumentException("duplicate IndividualId " + i.id());
      }
      if (i.values().length != parameterPaths.size() || i.covariates().size() != covariateNames.size()) {
        throw new IllegalArgumentException("individual " + i.id() + " does not match the population's columns");
      }
    }
  }

  /** Number of individuals. */
  public int size() {
    return individuals.size();
  }

  /** The overrides that make individual {@code index} (position, not id), in path order. */
  public List<ParameterOverride> overridesOf(int index) {
    PopulationIndividual individual = individuals.get(index);
    List<ParameterOverride> out = new ArrayList<>(parameterPaths.size());
    for (int p = 0; p < parameterPaths.size(); p++) {
      out.add(new ParameterOverride(parameterPaths.get(p), individual.values()[p]));
    }
    return out;
  }

  private static void requireUnique(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("duplicate " + what + " '" + n + "'");
      }
    }
  }
}
