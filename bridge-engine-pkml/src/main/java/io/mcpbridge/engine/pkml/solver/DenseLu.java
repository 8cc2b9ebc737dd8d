package io.mcpbridge.engine.pkml.solver;

import java.util.Arrays;

/**
 * LU factorisation with partial (row) pivoting of a square matrix held in dense storage, in place,
 * and the matching forward/back substitution.
 *
 * <p>The Newton matrices I − γJ of compartmental models are very sparse (the PK-Sim IV-bolus model:
 * 149 unknowns, 452 Jacobian entries, about 1,100 entries in L and U together instead of 22,201), so
 * the work follows the nonzeros: each column keeps the list of rows that have an entry in it
 * and each row the list of its columns (both extended as fill-in appears), the pivot search and the
 * elimination visit only those rows, a row is updated only at the nonzero columns of the pivot row, and the substitutions run over the
 * nonzeros of L and U recorded as the elimination produces them. Skipped terms are products with an
 * exact zero, whose subtraction leaves a value unchanged, so the results are the same numbers a full
 * dense elimination gives; the pivot is the same too (the largest magnitude in the column, the
 * topmost on ties).
 */
final class DenseLu {
  private final int n;
  private final double[][] lu;
  private final int[] pivot;
  /** The original index of the row array now at each position (rows move as pivoting swaps them). */
  private final int[] rowAt;
  /** The current position of each original row (its final position after factoring). */
  private final int[] positionOf;
  /** The row arrays by original index, as they were at the start of the factorisation. */
  private final double[][] rowById;
  /** Original rows that have (or may have) a nonzero in each column: the candidates of the pivot search. */
  private final int[][] columnRows;
  private final int[] columnRowCount;
  /** The columns listed for each original row (the same pairs as columnRows, by row). */
  private final int[][] rowColumns;
  private final int[] rowColumnCount;
  /** columnListed[row][column] == generation: the row is in the column's list in this factorisation. */
  private final int[][] columnListed;
  private int generation;
  /** Column k of L: original rows lowerRows[lowerStart[k] .. lowerStart[k+1]) with their multipliers. */
  private final int[] lowerStart;
  /** Row i of U right of the diagonal: columns upperColumns[upperStart[i] .. upperStart[i+1]). */
  private final int[] upperStart;
  private int[] lowerRows;
  private double[] lowerValues;
  private int[] upperColumns;
  private double[] upperValues;
  private final double[] diagonal;
  private boolean factored;

  DenseLu(int n) {
    this.n = n;
    this.lu = new double[n][n];
    this.pivot = new int[n];
    this.rowAt = new int[n];
    this.positionOf = new int[n];
    this.rowById = new double[n][];
    this.columnRows = new int[n][];
    for (int j = 0; j < n; j++) {
      columnRows[j] = new int[8];
    }
    this.columnRowCount = new int[n];
    this.rowColumns = new int[n][];
    for (int i = 0; i < n; i++) {
      rowColumns[i] = new int[8];
    }
    this.rowColumnCount = new int[n];
    this.columnListed = new int[n][n];
    this.lowerStart = new int[n + 1];
    this.upperStart = new int[n + 1];
    this.lowerRows = new int[Math.max(16, 4 * n)];
    this.lowerValues = new double[lowerRows.length];
    this.upperColumns = new int[Math.max(16, 4 * n)];
    this.upperValues = new double[upperColumns.length];
    this.diagonal = new double[n];
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
    return factor(null);
  }

  /**
   * Factors the matrix held in {@link #matrix()} whose nonzeros all lie in the given pattern, which
   * spares reading the whole matrix.
   *
   * @param rowPatterns per row, the columns that may hold a nonzero (every other entry is zero);
   *     null to find them by reading the whole matrix
   * @return false if a zero pivot was met (the matrix is singular to working precision)
   */
  boolean factor(int[][] rowPatterns) {
    factored = false;
    listColumns(rowPatterns);
    int lowerCount = 0;
    int upperCount = 0;
    for (int k = 0; k < n; k++) {
      // Pivot: the largest magnitude in column k at or below the diagonal, the topmost on ties.
      int p = -1;
      double max = 0.0;
      int[] candidates = columnRows[k];
      for (int c = 0, count = columnRowCount[k]; c < count; c++) {
        int id = candidates[c];
        int position = positionOf[id];
        if (position < k) {
          continue;
        }
        double v = Math.abs(rowById[id][k]);
        if (v > max || (v == max && v > 0.0 && position < p)) {
          max = v;
          p = position;
        }
      }
      if (max == 0.0) {
        pivot[k] = k;
        return false;
      }
      pivot[k] = p;
      if (p != k) {
        double[] row = lu[p];
        lu[p] = lu[k];
        lu[k] = row;
        int id = rowAt[p];
        rowAt[p] = rowAt[k];
        rowAt[k] = id;
        positionOf[rowAt[p]] = p;
        positionOf[rowAt[k]] = k;
      }
      // Row k is final from here on: record its part of U.
      double[] rowK = lu[k];
      diagonal[k] = rowK[k];
      upperStart[k] = upperCount;
      int first = upperCount;
      int[] listedColumns = rowColumns[rowAt[k]];
      for (int c = 0, count = rowColumnCount[rowAt[k]]; c < count; c++) {
        int j = listedColumns[c];
        if (j > k && rowK[j] != 0.0) {
          if (upperCount == upperColumns.length) {
            upperColumns = Arrays.copyOf(upperColumns, 2 * upperCount);
            upperValues = Arrays.copyOf(upperValues, 2 * upperCount);
          }
          // Insert in increasing column order: the back substitution sums in that order.
          int at = upperCount++;
          while (at > first && upperColumns[at - 1] > j) {
            upperColumns[at] = upperColumns[at - 1];
            at--;
          }
          upperColumns[at] = j;
        }
      }
      for (int e = first; e < upperCount; e++) {
        upperValues[e] = rowK[upperColumns[e]];
      }
      double inversePivot = 1.0 / rowK[k];
      lowerStart[k] = lowerCount;
      for (int c = 0, count = columnRowCount[k]; c < count; c++) {
        int id = candidates[c];
        if (positionOf[id] <= k) {
          continue;
        }
        double[] rowI = rowById[id];
        double below = rowI[k];
        if (below == 0.0) {
          continue;
        }
        double factor = below * inversePivot;
        rowI[k] = factor;
        if (lowerCount == lowerRows.length) {
          lowerRows = Arrays.copyOf(lowerRows, 2 * lowerCount);
          lowerValues = Arrays.copyOf(lowerValues, 2 * lowerCount);
        }
        lowerRows[lowerCount] = id;
        lowerValues[lowerCount++] = factor;
        int[] listed = columnListed[id];
        for (int e = first; e < upperCount; e++) {
          int j = upperColumns[e];
          if (listed[j] != generation) {
            listRow(id, j); // fill-in
          }
          rowI[j] -= factor * upperValues[e];
        }
      }
    }
    lowerStart[n] = lowerCount;
    upperStart[n] = upperCount;
    factored = true;
    return true;
  }

  /**
   * Sets every entry of {@link #matrix()} to zero, in time proportional to the entries the last
   * factorisation held (its input and fill-in) rather than to the size of the matrix.
   */
  void clear() {
    for (int j = 0; j < n; j++) {
      int[] rows = columnRows[j];
      for (int c = 0, count = columnRowCount[j]; c < count; c++) {
        rowById[rows[c]][j] = 0.0;
      }
      columnRowCount[j] = 0;
    }
    Arrays.fill(rowColumnCount, 0);
  }

  /** Starts a factorisation: rows at their original positions, each column listing its nonzero rows. */
  private void listColumns(int[][] rowPatterns) {
    generation++;
    if (generation == 0) {
      for (int[] listed : columnListed) {
        Arrays.fill(listed, 0);
      }
      generation = 1;
    }
    Arrays.fill(columnRowCount, 0);
    Arrays.fill(rowColumnCount, 0);
    for (int i = 0; i < n; i++) {
      rowAt[i] = i;
      positionOf[i] = i;
      double[] row = lu[i];
      rowById[i] = row;
      if (rowPatterns == null) {
        for (int j = 0; j < n; j++) {
          if (row[j] != 0.0) {
            listRow(i, j);
          }
        }
      } else {
        for (int j : rowPatterns[i]) {
          if (row[j] != 0.0 && columnListed[i][j] != generation) {
            listRow(i, j);
          }
        }
      }
    }
  }

  private void listRow(int id, int column) {
    columnListed[id][column] = generation;
    int count = columnRowCount[column];
    if (count == columnRows[column].length) {
      columnRows[column] = Arrays.copyOf(columnRows[column], 2 * count);
    }
    columnRows[column][count] = id;
    columnRowCount[column] = count + 1;
    int width = rowColumnCount[id];
    if (width == rowColumns[id].length) {
      rowColumns[id] = Arrays.copyOf(rowColumns[id], 2 * width);
    }
    rowColumns[id][width] = column;
    rowColumnCount[id] = width + 1;
  }

  /**
   * Solves A x = b in place (b becomes x). Each entry receives its updates in increasing column
   * order, as in a row-by-row substitution.
   */
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
    for (int k = 0; k < n; k++) {
      double bk = b[k];
      for (int e = lowerStart[k], end = lowerStart[k + 1]; e < end; e++) {
        int i = positionOf[lowerRows[e]];
        b[i] -= lowerValues[e] * bk;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int e = upperStart[i], end = upperStart[i + 1]; e < end; e++) {
        s -= upperValues[e] * b[upperColumns[e]];
      }
      b[i] = s / diagonal[i];
    }
  }

  /** Entries of L and U (with the diagonal) of the last factorisation, a measure of its work. */
  int factorEntries() {
    return lowerStart[n] + upperStart[n] + n;
  }
}
