package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * A value set on a quantity before a run. Like OSP, the quantity becomes a fixed value.
 *
 * @param path full quantity path without the root name
 * @param value new value in the base unit of the quantity's dimension
 */
public record ParameterOverride(String path, double value) {
  public ParameterOverride {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("override path must not be blank");
    }
  }
}
