package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * One axis of a chart.
 *
 * @param title what the axis shows, e.g. {@code Time} or {@code Concentration}
 * @param unit the unit of the values on it, e.g. {@code h}; empty when dimensionless
 * @param scale linear or logarithmic
 */
public record Axis(String title, String unit, AxisScale scale) {
  public Axis {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(scale, "scale");
  }

  /** The label a reader sees: {@code Title [unit]}, or the title alone without a unit. */
  public String label() {
    return unit.isEmpty() ? title : title + " [" + unit + "]";
  }
}
