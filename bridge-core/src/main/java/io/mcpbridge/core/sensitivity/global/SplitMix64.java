package io.mcpbridge.core.sensitivity.global;

/**
 * A seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64), written out here so a
 * seed gives the same stream on every JDK. Not thread-safe; each design uses its own instance.
 */
public final class SplitMix64 {
  private static final double TWO_TO_MINUS_53 = 0x1.0p-53;
  private long state;

  /** @param seed any value; equal seeds give equal streams */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform on the open interval (0, 1): the midpoints of a 2^53 grid, never 0 or 1. */
  public double nextOpenUnit() {
    return ((nextLong() >>> 11) + 0.5) * TWO_TO_MINUS_53;
  }

  /**
   * Uniform integer in [0, bound).
   *
   * @param bound &gt; 0
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }
}
