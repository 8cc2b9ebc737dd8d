package io.mcpbridge.core.population;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A distribution individuals' values are drawn from, in base units, optionally truncated to
 * [{@code min}, {@code max}] by redrawing (at most {@value #MAX_DRAWS} draws). Draws use only
 * {@link SplittableRandom#nextDouble()} and {@link StrictMath}, so the same generator state gives the
 * same value on every JVM.
 */
public sealed interface Distribution {
  /** Redraws allowed before a truncation is declared to exclude (almost) all of the distribution. */
  int MAX_DRAWS = 10_000;

  /** Lower truncation bound, or −∞. */
  double min();

  /** Upper truncation bound, or +∞. */
  double max();

  /** One draw before truncation. */
  double drawUntruncated(SplittableRandom random);

  /**
   * One draw within [min, max].
   *
   * @throws IllegalStateException if {@value #MAX_DRAWS} draws all fell outside the bounds
   */
  default double draw(SplittableRandom random) {
    for (int i = 0; i < MAX_DRAWS; i++) {
      double v = drawUntruncated(random);
      if (v >= min() && v <= max()) {
        return v;
      }
    }
    throw new IllegalStateException("truncation to [" + min() + ", " + max() + "] excludes the distribution " + this);
  }

  /** Normal with mean and standard deviation (Box–Muller on two uniforms). */
  record Normal(double mean, double sd, double min, double max) implements Distribution {
    public Normal {
      Checks.finite(mean, "mean");
      Checks.nonNegative(sd, "sd");
      Checks.bounds(min, max);
    }

    @Override
    public double drawUntruncated(SplittableRandom random) {
      return mean + sd * standardNormal(random);
    }
  }

  /** Log-normal with geometric mean and geometric SD (ln X is normal with ln gm, ln gsd). */
  record LogNormal(double geometricMean, double geometricSd, double min, double max) implements Distribution {
    public LogNormal {
      Checks.positive(geometricMean, "geometric mean");
      if (!(geometricSd >= 1) || Double.isInfinite(geometricSd)) {
        throw new IllegalArgumentException("the geometric SD must be a finite number ≥ 1, got " + geometricSd);
      }
      Checks.bounds(min, max);
    }

    /** Geometric SD from the coefficient of variation: exp(√ln(1 + CV²)). */
    public static double gsdFromCv(double cv) {
      Checks.nonNegative(cv, "CV");
      return StrictMath.exp(StrictMath.sqrt(StrictMath.log(1 + cv * cv)));
    }

    @Override
    public double drawUntruncated(SplittableRandom random) {
      return StrictMath.exp(StrictMath.log(geometricMean) + StrictMath.log(geometricSd) * standardNormal(random));
    }
  }

  /** Uniform on [low, high). */
  record Uniform(double low, double high, double min, double max) implements Distribution {
    public Uniform {
      Checks.finite(low, "low");
      Checks.finite(high, "high");
      if (!(high > low)) {
        throw new IllegalArgumentException("uniform needs low < high, got " + low + " and " + high);
      }
      Checks.bounds(min, max);
    }

    @Override
    public double drawUntruncated(SplittableRandom random) {
      return low + (high - low) * random.nextDouble();
    }
  }

  /** One of the values, each equally likely. */
  record Discrete(List<Double> values, double min, double max) implements Distribution {
    public Discrete {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("discrete needs at least one value");
      }
      values.forEach(v -> Checks.finite(v, "value"));
      Checks.bounds(min, max);
    }

    @Override
    public double drawUntruncated(SplittableRandom random) {
      return values.get((int) Math.min(values.size() - 1, Math.floor(random.nextDouble() * values.size())));
    }
  }

  /** A standard normal draw by Box–Muller from two uniforms. */
  static double standardNormal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // (0, 1]
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  /** Argument checks shared by the distributions. */
  final class Checks {
    private Checks() {}

    static void finite(double v, String what) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("the " + what + " must be finite, got " + v);
      }
    }

    static void positive(double v, String what) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("the " + what + " must be positive and finite, got " + v);
      }
    }

    static void nonNegative(double v, String what) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("the " + what + " must be ≥ 0 and finite, got " + v);
      }
    }

    static void bounds(double min, double max) {
      if (Double.isNaN(min) || Double.isNaN(max) || !(min <= max)) {
        throw new IllegalArgumentException("truncation needs min ≤ max, got " + min + " and " + max);
      }
    }
  }
}
