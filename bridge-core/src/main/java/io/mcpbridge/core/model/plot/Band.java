package io.mcpbridge.core.model.plot;

import java.util.Objects;

/**
 * A shaded range between a lower and an upper curve, e.g. the 5th–95th percentile of a population.
 * Arrays are shared, not copied.
 *
 * @param name the legend entry, e.g. {@code 5–95th percentile}
 * @param x abscissae
 * @param lower lower bound per abscissa
 * @param upper upper bound per abscissa
 * @param group elements of one group share a colour
 * @param opacity 0 (invisible) to 1 (opaque); inner bands are drawn more opaque than outer ones
 */
public record Band(String name, double[] x, double[] lower, double[] upper, int group, double opacity) {
  public Band {
    Objects.requireNonNull(name, "name");
    PlotArrays.requireSameLength(name, x, lower);
    PlotArrays.requireSameLength(name, x, upper);
    PlotArrays.requireGroup(group);
    if (!(opacity > 0 && opacity <= 1)) {
      throw new IllegalArgumentException("band " + name + " opacity must be in (0, 1], not " + opacity);
    }
  }
}
