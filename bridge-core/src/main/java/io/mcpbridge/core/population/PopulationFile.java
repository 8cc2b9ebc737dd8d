package io.mcpbridge.core.population;

import java.util.List;

/**
 * A population read from a file.
 *
 * @param population the individuals, values in base units
 * @param skippedPaths columns naming no quantity of the model, skipped on request (empty otherwise)
 */
public record PopulationFile(Population population, List<String> skippedPaths) {
  public PopulationFile {
    skippedPaths = List.copyOf(skippedPaths);
  }
}
