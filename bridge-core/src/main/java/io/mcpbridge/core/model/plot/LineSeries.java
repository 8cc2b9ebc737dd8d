package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * A curve through (x, y) points; NaN values break the line. Arrays are shared, not copied.
 *
 * @param name the legend entry
 * @param x abscissae in the x axis' unit
 * @param y ordinates in the y axis' unit, as many as {@code x}
 * @param style solid, dashed or thin
 * @param group elements of one group share a colour (e.g. a median and its bands)
 * @param inLegend whether the legend lists it (individual curves are listed once at most)
 */
public record LineSeries(String name, double[] x, double[] y, LineStyle style, int group, boolean inLegend) {
  public LineSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(style, "style");
    PlotArrays.requireSameLength(name, x, y);
    PlotArrays.requireGroup(group);
  }
}
