package io.mcpbridge.core.model.plot;

import java.util.Objects;

/** Shared checks of the chart records. */
final class PlotArrays {
  /** Colour groups a palette can tell apart. */
  static final int GROUPS = 8;

  private PlotArrays() {}

  static void requireSameLength(String name, double[] a, double[] b) {
    Objects.requireNonNull(a, name);
    Objects.requireNonNull(b, name);
    if (a.length != b.length) {
      throw new IllegalArgumentException(name + ": " + a.length + " abscissae but " + b.length + " values");
    }
  }

  static void requireGroup(int group) {
    if (group < 0) {
      throw new IllegalArgumentException("colour group must not be negative: " + group);
    }
  }
}
