package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * Values of one quantity at the result's output times. The array is shared, not copied: treat it
 * as read-only.
 *
 * @param path quantity path without the root name
 * @param dimension OSP dimension name; values are in its base unit
 * @param values one value per output time
 */
public record TimeSeries(String path, String dimension, double[] values) {
  public TimeSeries {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(values, "values");
  }
}
