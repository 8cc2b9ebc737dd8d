package io.mcpbridge.core.population;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a population run.
 *
 * @param individuals individuals in the population
 * @param succeeded individuals whose results were written
 * @param failures individuals that failed, in id order of the population
 * @param directory where the files are
 * @param files the files written, by name ({@link PopulationFiles})
 * @param wallTime how long the run took
 */
public record PopulationRunSummary(
    int individuals, int succeeded, List<IndividualFailure> failures, Path directory, List<String> files,
    Duration wallTime) {
  public PopulationRunSummary {
    failures = List.copyOf(failures);
    Objects.requireNonNull(directory, "directory");
    files = List.copyOf(files);
    Objects.requireNonNull(wallTime, "wallTime");
  }
}
