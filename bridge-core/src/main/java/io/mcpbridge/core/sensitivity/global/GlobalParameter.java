package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Objects;

/**
 * A parameter varied by a global analysis.
 *
 * @param name how results refer to it (a quantity path, for a model)
 * @param distribution its range or distribution
 */
public record GlobalParameter(String name, ParameterDistribution distribution) {
  public GlobalParameter {
    Objects.requireNonNull(distribution, "distribution");
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("a varied parameter needs a name");
    }
  }

  /** A parameter uniform on [min, max]. */
  public static GlobalParameter uniform(String name, double min, double max) {
    return new GlobalParameter(name, new ParameterDistribution.Uniform(min, max));
  }
}
