package io.mcpbridge.engine.pkml.solver;

/**
 * LU factorisation with partial (row) pivoting of a dense square matrix, in place, and the
 * matching forward/back substitution. The Newton matrices of the BDF corrector are small (a few
 * hundred unknowns at most), so an O(N³) dense factorisation is affordable.
 */
final class DenseLu {
  private final int n;
  private final double[][] lu;
  private final int[] pivot;
  private boolean factored;

  DenseLu(int n) {
    this.n = n;
    this.lu = new double[n][n];
    this.pivot = new int[n];
  }

  /** The matrix to fill before {@link #factor()}; after factoring it holds L and U. */
  double[][] matrix() {
    return lu;
  }

  /**
   * Factors the matrix held in {@link #matrix()}.
   *
   * @return false if a zero pivot was met (the matrix is singular to working precision)
   */
  boolean factor() {
    factored = false;
    for (int k = 0; k < n; k++) {
      int p = k;
      double max = Math.abs(lu[k][k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(lu[i][k]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      pivot[k] = p;
      if (max == 0.0) {
        return false;
      }
      if (p != k) {
        double[] row = lu[p];
        lu[p] = lu[k];
        lu[k] = row;
      }
      double[] rowK = lu[k];
      double inversePivot = 1.0 / rowK[k];
      for (int i = k + 1; i < n; i++) {
        double[] rowI = lu[i];
        double factor = rowI[k] * inversePivot;
        rowI[k] = factor;
        if (factor != 0.0) {
          for (int j = k + 1; j < n; j++) {
            rowI[j] -= factor * rowK[j];
          }
        }
      }
    }
    factored = true;
    return true;
  }

  /** Solves A x = b in place (b becomes x). */
  void solve(double[] b) {
    if (!factored) {
      throw new IllegalStateException("matrix not factored");
    }
    for (int k = 0; k < n; k++) {
      int p = pivot[k];
      if (p != k) {
        double t = b[p];
        b[p] = b[k];
        b[k] = t;
      }
    }
    for (int i = 1; i < n; i++) {
      double[] row = lu[i];
      double s = b[i];
      for (int j = 0; j < i; j++) {
        s -= row[j] * b[j];
      }
      b[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double[] row = lu[i];
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= row[j] * b[j];
      }
      b[i] = s / row[i];
    }
  }
}
