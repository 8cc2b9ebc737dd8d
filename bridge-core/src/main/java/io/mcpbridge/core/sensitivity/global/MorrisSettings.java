package io.mcpbridge.core.sensitivity.global;

/**
 * How a Morris screening is sampled; the design validates the numbers.
 *
 * @param trajectories r ≥ 2 (the screening costs r·(k + 1) evaluations)
 * @param levels p, even, ≥ 2 (4 is the usual choice)
 * @param seed seed of the design
 */
public record MorrisSettings(int trajectories, int levels, long seed) {}
