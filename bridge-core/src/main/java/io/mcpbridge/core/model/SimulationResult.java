package io.mcpbridge.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Output of one run. Arrays are shared, not copied: treat them as read-only.
 *
 * @param model the model that ran
 * @param times output times in minutes, ascending, starting with 0
 * @param series one series per reported quantity, each as long as {@code times}
 * @param statistics solver work
 */
public record SimulationResult(
    ModelRef model, double[] times, List<TimeSeries> series, RunStatistics statistics) {
  public SimulationResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(times, "times");
    series = List.copyOf(series);
    Objects.requireNonNull(statistics, "statistics");
    for (TimeSeries s : series) {
      if (s.values().length != times.length) {
        throw new IllegalArgumentException("series " + s.path() + " has " + s.values().length
            + " values for " + times.length + " times");
      }
    }
  }

  /** The series of this path, if reported. */
  public Optional<TimeSeries> series(String path) {
    return series.stream().filter(s -> s.path().equals(path)).findFirst();
  }
}
