package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;

/**
 * How a parameter varies in a global analysis. Designs are drawn in the unit cube and mapped to
 * parameter values through {@link #quantile}.
 */
public sealed interface ParameterDistribution {

  /**
   * The value at cumulative probability {@code u}.
   *
   * @param u in [0, 1] for bounded distributions, in (0, 1) otherwise
   */
  double quantile(double u);

  /** True when the support is a finite interval, so the grid ends 0 and 1 map to finite values. */
  boolean bounded();

  /** Uniform on [min, max]. */
  record Uniform(double min, double max) implements ParameterDistribution {
    public Uniform {
      if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
        throw new InvalidInputException("a uniform range needs finite min < max, got [" + min + ", " + max + "]");
      }
    }

    @Override
    public double quantile(double u) {
      return min + u * (max - min);
    }

    @Override
    public boolean bounded() {
      return true;
    }
  }

  /** Log-uniform on [min, max], 0 &lt; min &lt; max: uniform in ln. */
  record LogUniform(double min, double max) implements ParameterDistribution {
    public LogUniform {
      if (!Double.isFinite(min) || !Double.isFinite(max) || !(min > 0) || !(max > min)) {
        throw new InvalidInputException("a log-uniform range needs finite 0 < min < max, got [" + min + ", " + max + "]");
      }
    }

    @Override
    public double quantile(double u) {
      return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    }

    @Override
    public boolean bounded() {
      return true;
    }
  }

  /** Normal with the given mean and standard deviation &gt; 0. */
  record Normal(double mean, double sd) implements ParameterDistribution {
    public Normal {
      if (!Double.isFinite(mean) || !Double.isFinite(sd) || !(sd > 0)) {
        throw new InvalidInputException("a normal distribution needs a finite mean and sd > 0");
      }
    }

    @Override
    public double quantile(double u) {
      return mean + sd * StandardNormal.quantile(u);
    }

    @Override
    public boolean bounded() {
      return false;
    }
  }

  /**
   * Log-normal given by its geometric mean (the median, e^μ) and geometric standard deviation
   * (e^σ &gt; 1), the way OSP's population parameters are declared.
   */
  record LogNormal(double geometricMean, double geometricSd) implements ParameterDistribution {
    public LogNormal {
      if (!Double.isFinite(geometricMean) || !Double.isFinite(geometricSd) || !(geometricMean > 0) || !(geometricSd > 1)) {
        throw new InvalidInputException("a log-normal distribution needs a geometric mean > 0 and a geometric sd > 1");
      }
    }

    @Override
    public double quantile(double u) {
      return geometricMean * Math.exp(Math.log(geometricSd) * StandardNormal.quantile(u));
    }

    @Override
    public boolean bounded() {
      return false;
    }
  }
}
