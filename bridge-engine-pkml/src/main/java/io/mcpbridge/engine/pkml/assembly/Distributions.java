package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.FormulaKind;

/**
 * Values of distributed parameters from their percentile. The normal quantile is found like OSP
 * Core: a Brent root search (tolerance 1e-13) on the normal CDF built from the Numerical Recipes
 * Chebyshev approximation of erfc (fractional error below 1.2e-7), so that values agree with OSP to
 * that approximation rather than to the exact quantile. Percentile 0.5 gives the mean exactly.
 */
final class Distributions {
  private static final double TOLERANCE = 1e-13;

  private Distributions() {}

  static double value(FormulaKind kind, double percentile, double first, double second) {
    switch (kind) {
      case DISCRETE_DISTRIBUTION:
        return first;
      case UNIFORM_DISTRIBUTION:
        return first + percentile * (second - first);
      case NORMAL_DISTRIBUTION:
        return first + second * standardQuantile(percentile);
      case LOG_NORMAL_DISTRIBUTION:
        return Math.exp(Math.log(first) + Math.log(second) * standardQuantile(percentile));
      default:
        throw new IllegalArgumentException("not a distribution: " + kind);
    }
  }

  /** z with Φ(z) = p, searched on [-10, 10]. */
  static double standardQuantile(double p) {
    if (Double.isNaN(p) || p <= 0 || p >= 1) {
      return p == 0 ? Double.NEGATIVE_INFINITY : p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (p == 0.5) {
      return 0;
    }
    return brent(z -> cdf(z) - p, -10, 10);
  }

  /** Standard normal CDF via the erfc approximation. */
  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** Numerical Recipes' Chebyshev fit of erfc, fractional error below 1.2e-7 everywhere. */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277))))))));
    double ans = t * Math.exp(poly);
    return x >= 0 ? ans : 2 - ans;
  }

  /** Brent's method (inverse quadratic interpolation with bisection safeguard) on [a, b]. */
  static double brent(java.util.function.DoubleUnaryOperator f, double a, double b) {
    double fa = f.applyAsDouble(a);
    double fb = f.applyAsDouble(b);
    if (fa * fb > 0) {
      return Double.NaN;
    }
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    for (int iter = 0; iter < 200; iter++) {
      if (fb * fc > 0) {
        c = a;
        fc = fa;
        d = b - a;
        e = d;
      }
      if (Math.abs(fc) < Math.abs(fb)) {
        a = b;
        b = c;
        c = a;
        fa = fb;
        fb = fc;
        fc = fa;
      }
      double tol = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * TOLERANCE;
      double m = 0.5 * (c - b);
      if (Math.abs(m) <= tol || fb == 0) {
        return b;
      }
      if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
        double s = fb / fa;
        double p;
        double q;
        if (a == c) {
          p = 2 * m * s;
          q = 1 - s;
        } else {
          double qa = fa / fc;
          double r = fb / fc;
          p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
          q = (qa - 1) * (r - 1) * (s - 1);
        }
        if (p > 0) {
          q = -q;
        } else {
          p = -p;
        }
        if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
          e = d;
          d = p / q;
        } else {
          d = m;
          e = m;
        }
      } else {
        d = m;
        e = m;
      }
      a = b;
      fa = fb;
      b += Math.abs(d) > tol ? d : (m > 0 ? tol : -tol);
      fb = f.applyAsDouble(b);
    }
    return b;
  }
}
