package io.mcpbridge.core.sensitivity.global;

import java.util.List;
import java.util.Objects;

/**
 * Morris statistics of every parameter, in the order the parameters were declared.
 *
 * @param effects one entry per parameter
 * @param trajectories r
 * @param levels p
 * @param evaluations r·(k + 1) model evaluations
 * @param seed the seed of the design
 */
public record MorrisResult(List<MorrisEffect> effects, int trajectories, int levels, int evaluations, long seed) {
  public MorrisResult {
    effects = List.copyOf(Objects.requireNonNull(effects, "effects"));
  }
}
