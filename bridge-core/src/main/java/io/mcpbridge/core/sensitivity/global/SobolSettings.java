package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;

/**
 * How a Sobol analysis is sampled and its intervals computed.
 *
 * @param baseSamples N, rows of A and B (the analysis costs N·(k + 2) evaluations)
 * @param bootstrapResamples resamples behind the intervals, ≥ 100
 * @param confidence interval level, for example 0.95
 * @param seed seed of the design; the bootstrap is seeded with its bitwise complement
 */
public record SobolSettings(int baseSamples, int bootstrapResamples, double confidence, long seed) {
  public SobolSettings {
    if (baseSamples < 2) {
      throw new InvalidInputException("a Sobol analysis needs at least 2 base samples, got " + baseSamples);
    }
    if (bootstrapResamples < 100) {
      throw new InvalidInputException("bootstrap needs at least 100 resamples, got " + bootstrapResamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidInputException("confidence must lie strictly between 0 and 1, got " + confidence);
    }
  }

  /** The seed of the bootstrap resampling. */
  public long bootstrapSeed() {
    return ~seed;
  }
}
