package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * Unconnected markers, e.g. observed concentrations. Arrays are shared, not copied.
 *
 * @param name the legend entry
 * @param x abscissae
 * @param y ordinates
 * @param group elements of one group share a colour
 */
public record PointSeries(String name, double[] x, double[] y, int group) {
  public PointSeries {
    Objects.requireNonNull(name, "name");
    PlotArrays.requireSameLength(name, x, y);
    PlotArrays.requireGroup(group);
  }
}
