package io.mcpbridge.core.sensitivity.global;

import java.util.List;
import java.util.Objects;

/**
 * Sobol indices of every parameter, in the order the parameters were declared.
 *
 * @param indices one entry per parameter
 * @param baseSamples N
 * @param evaluations N·(k + 2) model evaluations
 * @param variance the response variance over A and B together
 * @param confidence the level of the intervals (for example 0.95)
 * @param bootstrapResamples how many resamples the intervals come from
 * @param seed the seed of the design (the bootstrap is seeded from it)
 */
public record SobolResult(
    List<SobolIndex> indices,
    int baseSamples,
    int evaluations,
    double variance,
    double confidence,
    int bootstrapResamples,
    long seed) {
  public SobolResult {
    indices = List.copyOf(Objects.requireNonNull(indices, "indices"));
  }
}
