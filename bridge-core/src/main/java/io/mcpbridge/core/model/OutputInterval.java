package io.mcpbridge.core.model;

/**
 * One output interval of the time grid, in base units.
 *
 * @param startTime start in minutes
 * @param endTime end in minutes (≥ start)
 * @param resolution points per minute (&gt; 0)
 */
public record OutputInterval(double startTime, double endTime, double resolution) {
  public OutputInterval {
    if (!(startTime >= 0) || !(endTime >= startTime)) {
      throw new IllegalArgumentException("output interval needs 0 <= start <= end");
    }
    if (!(resolution > 0) || Double.isInfinite(resolution)) {
      throw new IllegalArgumentException("output interval resolution must be positive and finite");
    }
  }
}
