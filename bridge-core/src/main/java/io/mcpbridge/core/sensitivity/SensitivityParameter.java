package io.mcpbridge.core.sensitivity;

import java.util.Objects;

/**
 * One varied parameter.
 *
 * @param path quantity path
 * @param displayName OSP's display name (the {@code Parameter} column of the export)
 * @param baselineValue P0, in the base unit of its dimension
 * @param variations the varied values, {@link VariationValues#around} order
 */
public record SensitivityParameter(String path, String displayName, double baselineValue, double[] variations) {
  public SensitivityParameter {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(displayName, "displayName");
    variations = variations.clone();
  }

  @Override
  public double[] variations() {
    return variations.clone();
  }
}
