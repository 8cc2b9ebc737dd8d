package io.mcpbridge.core.population;

import java.util.Objects;

/**
 * A parameter whose value varies across sampled individuals.
 *
 * @param path quantity path without the simulation name
 * @param distribution where its values come from, in base units
 */
public record VariedParameter(String path, Distribution distribution) {
  public VariedParameter {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(distribution, "distribution");
  }
}
