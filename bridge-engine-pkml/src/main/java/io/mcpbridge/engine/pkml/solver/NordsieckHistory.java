package io.mcpbridge.engine.pkml.solver;

import java.util.Arrays;

/**
 * The Nordsieck history array of the BDF method: row j holds h^j/j! · y^(j)(t_n) for j = 0..q, with
 * h the step size the array is currently scaled to. One extra row (index {@code maxOrder}) is kept
 * for the corrector of the last step, which an order increase needs (CVODE user guide,
 * "Mathematical considerations": the order q+1 column is built from the difference of the last two
 * corrections).
 */
final class NordsieckHistory {
  private final int maxOrder;
  private final double[][] z;
  private final double[] scratchCoefficients;

  NordsieckHistory(int size, int maxOrder) {
    this.maxOrder = maxOrder;
    this.z = new double[maxOrder + 1][size];
    this.scratchCoefficients = new double[maxOrder + 2];
  }

  /** Row j of the array (live, not a copy). */
  double[] row(int j) {
    return z[j];
  }

  /** The row that stores the last corrector while it waits for a possible order increase. */
  double[] savedCorrection() {
    return z[maxOrder];
  }

  /**
   * Prediction to t_n + h: multiplication by the Pascal triangle matrix, i.e. a Taylor shift by one
   * step, done by repeated synthetic division.
   */
  void predict(int q) {
    shift(q, 1.0);
  }

  /** Undoes {@link #predict(int)} after a failed step attempt (Taylor shift by minus one step). */
  void retract(int q) {
    shift(q, -1.0);
  }

  private void shift(int q, double sign) {
    for (int k = 1; k <= q; k++) {
      for (int j = q; j >= k; j--) {
        double[] lower = z[j - 1];
        double[] upper = z[j];
        if (sign > 0) {
          for (int i = 0; i < lower.length; i++) {
            lower[i] += upper[i];
          }
        } else {
          for (int i = 0; i < lower.length; i++) {
            lower[i] -= upper[i];
          }
        }
      }
    }
  }

  /** Rescales the array from step h to step eta·h: row j is multiplied by eta^j. */
  void rescale(int q, double eta) {
    double factor = eta;
    for (int j = 1; j <= q; j++) {
      double[] row = z[j];
      for (int i = 0; i < row.length; i++) {
        row[i] *= factor;
      }
      factor *= eta;
    }
  }

  /** Adds the corrector to every row: z_j += l_j · Δ_n. */
  void applyCorrection(int q, double[] l, double[] correction) {
    for (int j = 0; j <= q; j++) {
      double lj = l[j];
      double[] row = z[j];
      for (int i = 0; i < row.length; i++) {
        row[i] += lj * correction[i];
      }
    }
  }

  /**
   * Evaluates the interpolating polynomial at the scaled offset s = (t − t_n)/h (Horner scheme over
   * the rows, as in CVODE's dense output for the zeroth derivative).
   */
  void interpolate(int q, double s, double[] out) {
    System.arraycopy(z[q], 0, out, 0, out.length);
    for (int j = q - 1; j >= 0; j--) {
      double[] row = z[j];
      for (int i = 0; i < out.length; i++) {
        out[i] = row[i] + s * out[i];
      }
    }
  }

  /** Overwrites rows 0 and 1 after a (re-)initialisation; the other rows are cleared. */
  void start(double[] y, double[] scaledDerivative) {
    for (double[] row : z) {
      Arrays.fill(row, 0.0);
    }
    System.arraycopy(y, 0, z[0], 0, y.length);
    System.arraycopy(scaledDerivative, 0, z[1], 0, y.length);
  }

  /**
   * Raises the order from q to q+1. The new row q+1 is a multiple of the saved corrector of the
   * previous step, and the lower rows 2..q receive the matching multiples of it, so that the
   * polynomial keeps interpolating the past solution values at the variable step history.
   *
   * @param hScale the step the array is scaled to
   * @param tau past step sizes, tau[1] the most recent
   */
  void increaseOrder(int q, double hScale, double[] tau) {
    double[] c = scratchCoefficients;
    Arrays.fill(c, 0.0);
    c[2] = 1.0;
    double alpha1 = 1.0;
    double product = 1.0;
    double previousXi = 1.0;
    double alpha0 = -1.0;
    double elapsed = hScale;
    for (int j = 1; j < q; j++) {
      elapsed += tau[j + 1];
      double xi = elapsed / hScale;
      product *= xi;
      alpha0 -= 1.0 / (j + 1);
      alpha1 += 1.0 / xi;
      for (int i = j + 2; i >= 2; i--) {
        c[i] = c[i] * previousXi + c[i - 1];
      }
      previousXi = xi;
    }
    double a1 = (-alpha0 - alpha1) / product;
    double[] saved = z[maxOrder];
    double[] newRow = z[q + 1];
    for (int i = 0; i < newRow.length; i++) {
      newRow[i] = a1 * saved[i];
    }
    for (int j = 2; j <= q; j++) {
      double cj = c[j];
      double[] row = z[j];
      for (int i = 0; i < row.length; i++) {
        row[i] += cj * newRow[i];
      }
    }
  }

  /**
   * Lowers the order from q to q−1: the contribution of the dropped row q is removed from rows
   * 2..q−1 so that the lower-order polynomial still interpolates the past solution values.
   */
  void decreaseOrder(int q, double hScale, double[] tau) {
    double[] c = scratchCoefficients;
    Arrays.fill(c, 0.0);
    c[2] = 1.0;
    double elapsed = 0.0;
    for (int j = 1; j <= q - 2; j++) {
      elapsed += tau[j];
      double xi = elapsed / hScale;
      for (int i = j + 2; i >= 2; i--) {
        c[i] = c[i] * xi + c[i - 1];
      }
    }
    double[] dropped = z[q];
    for (int j = 2; j < q; j++) {
      double cj = c[j];
      double[] row = z[j];
      for (int i = 0; i < row.length; i++) {
        row[i] -= cj * dropped[i];
      }
    }
  }
}
