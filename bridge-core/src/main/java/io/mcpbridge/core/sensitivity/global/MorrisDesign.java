package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;

/**
 * Morris's one-at-a-time trajectories on a p-level grid of the k-dimensional unit cube (Morris
 * 1991). The levels are 0, 1/(p − 1), …, 1 and the step is Δ = p / (2(p − 1)).
 *
 * <p>Each trajectory starts from a random base point whose coordinates are levels not above
 * 1 − Δ, gives each parameter a random direction (up from the base level, or down to it from
 * base + Δ) and moves the parameters one at a time, in a random order, by Δ: k + 1 points, each
 * differing from the previous in exactly one coordinate. Every coordinate of every point is
 * therefore a grid level, and each level is equally likely. All choices come from a seeded
 * {@link SplitMix64}.
 */
public final class MorrisDesign {
  private final int parameters;
  private final int levels;
  private final double delta;
  private final double[][][] trajectories;
  private final int[][] order;
  private final int[][] direction;

  private MorrisDesign(int parameters, int levels, double[][][] trajectories, int[][] order, int[][] direction) {
    this.parameters = parameters;
    this.levels = levels;
    this.delta = levels / (2.0 * (levels - 1));
    this.trajectories = trajectories;
    this.order = order;
    this.direction = direction;
  }

  /**
   * Draws r trajectories.
   *
   * @param parameters k ≥ 1
   * @param trajectories r ≥ 2 (σ needs two elementary effects)
   * @param levels p ≥ 2, even (so that Δ moves between grid levels with equal probability)
   * @param seed the generator seed
   */
  public static MorrisDesign draw(int parameters, int trajectories, int levels, long seed) {
    if (parameters < 1) {
      throw new InvalidInputException("Morris screening needs at least one parameter");
    }
    if (trajectories < 2) {
      throw new InvalidInputException("Morris screening needs at least 2 trajectories, got " + trajectories);
    }
    if (levels < 2 || levels % 2 != 0) {
      throw new InvalidInputException("Morris screening needs an even number of levels >= 2, got " + levels);
    }
    if ((long) trajectories * (parameters + 1) > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("a Morris design of " + trajectories + " trajectories has too many points");
    }
    SplitMix64 random = new SplitMix64(seed);
    double step = levels / (2.0 * (levels - 1));
    int baseLevels = levels / 2;
    double[][][] points = new double[trajectories][parameters + 1][];
    int[][] order = new int[trajectories][parameters];
    int[][] direction = new int[trajectories][parameters];
    for (int t = 0; t < trajectories; t++) {
      double[] x = new double[parameters];
      for (int i = 0; i < parameters; i++) {
        double base = random.nextInt(baseLevels) / (double) (levels - 1);
        boolean up = random.nextInt(2) == 0;
        direction[t][i] = up ? 1 : -1;
        x[i] = up ? base : base + step;
      }
      int[] perm = permutation(parameters, random);
      order[t] = perm;
      points[t][0] = x.clone();
      for (int s = 0; s < parameters; s++) {
        int i = perm[s];
        x[i] += direction[t][i] * step;
        points[t][s + 1] = x.clone();
      }
    }
    return new MorrisDesign(parameters, levels, points, order, direction);
  }

  private static int[] permutation(int n, SplitMix64 random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /** k. */
  public int parameters() {
    return parameters;
  }

  /** r. */
  public int trajectories() {
    return trajectories.length;
  }

  /** p. */
  public int levels() {
    return levels;
  }

  /** Δ = p / (2(p − 1)), in unit-cube coordinates. */
  public double delta() {
    return delta;
  }

  /** r·(k + 1), the number of model evaluations. */
  public int evaluations() {
    return trajectories.length * (parameters + 1);
  }

  /** All points, trajectory after trajectory (k + 1 rows each); fresh arrays. */
  public double[][] points() {
    double[][] out = new double[evaluations()][];
    int row = 0;
    for (double[][] trajectory : trajectories) {
      for (double[] point : trajectory) {
        out[row++] = point.clone();
      }
    }
    return out;
  }

  /** The parameter moved at step s (0-based) of trajectory t. */
  public int movedParameter(int t, int s) {
    return order[t][s];
  }

  /** +1 if parameter i moves up by Δ in trajectory t, −1 if it moves down. */
  public int direction(int t, int i) {
    return direction[t][i];
  }
}
