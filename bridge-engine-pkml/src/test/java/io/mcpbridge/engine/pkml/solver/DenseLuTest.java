package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseLuTest {
  @Test
  void solvesARandomSystemNeedingPivoting() {
    int n = 40;
    Random random = new Random(42);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = random.nextDouble() - 0.5;
      }
      a[i][i] = 0.0; // zero diagonal forces row interchanges
    }
    double[] x = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1.0;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i] += a[i][j] * x[j];
      }
    }
    DenseLu lu = new DenseLu(n);
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, lu.matrix()[i], 0, n);
    }
    assertThat(lu.factor()).isTrue();
    lu.solve(b);
    for (int i = 0; i < n; i++) {
      // Well-conditioned random matrix: a few hundred rounding units of error at most.
      assertThat(b[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-9 * n));
    }
  }

  @Test
  void reportsSingularMatrix() {
    DenseLu lu = new DenseLu(2);
    lu.matrix()[0][0] = 1.0;
    lu.matrix()[0][1] = 2.0;
    lu.matrix()[1][0] = 2.0;
    lu.matrix()[1][1] = 4.0;
    assertThat(lu.factor()).isFalse();
  }

  /**
   * Skipping structural zeros must not change a single bit: on sparse matrices that need row
   * interchanges, the solution equals that of a plain dense elimination with partial pivoting
   * (every row updated at every column), written out here independently.
   */
  @Test
  void sparseMatricesGiveTheSameBitsAsAPlainDenseElimination() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 5 + random.nextInt(60);
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        a[i][i] = random.nextInt(4) == 0 ? 0.0 : random.nextGaussian();
        for (int e = 0; e < 3; e++) {
          a[i][random.nextInt(n)] = random.nextGaussian() * 10;
        }
      }
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = random.nextGaussian();
      }
      double[] expected = plainDenseSolve(a, b);
      DenseLu lu = new DenseLu(n);
      for (int i = 0; i < n; i++) {
        System.arraycopy(a[i], 0, lu.matrix()[i], 0, n);
      }
      if (expected == null) {
        assertThat(lu.factor()).as("trial %d singular", trial).isFalse();
        continue;
      }
      assertThat(lu.factor()).as("trial %d", trial).isTrue();
      double[] x = b.clone();
      lu.solve(x);
      assertThat(x).as("trial %d, n = %d", trial, n).containsExactly(expected);
    }
  }

  /**
   * Refactoring one instance with a given pattern, after {@link DenseLu#clear()}, gives the bits of
   * a plain dense elimination each time, and clear leaves no entry (input or fill-in) behind.
   */
  @Test
  void refactoringWithAPatternAfterClearGivesTheSameBits() {
    Random random = new Random(11);
    int n = 40;
    DenseLu lu = new DenseLu(n);
    for (int trial = 0; trial < 30; trial++) {
      double[][] a = new double[n][n];
      int[][] pattern = new int[n][];
      for (int i = 0; i < n; i++) {
        java.util.TreeSet<Integer> columns = new java.util.TreeSet<>();
        columns.add(i);
        a[i][i] = random.nextInt(5) == 0 ? 0.0 : 1 + random.nextDouble();
        for (int e = 0; e < 3; e++) {
          int j = random.nextInt(n);
          a[i][j] = random.nextGaussian() * 5;
          columns.add(j);
        }
        columns.add(random.nextInt(n)); // a listed column may hold a zero
        pattern[i] = columns.stream().mapToInt(Integer::intValue).toArray();
      }
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = random.nextGaussian();
      }
      lu.clear();
      for (double[] row : lu.matrix()) {
        assertThat(row).as("trial %d: cleared", trial).containsOnly(0.0);
      }
      for (int i = 0; i < n; i++) {
        for (int j : pattern[i]) {
          lu.matrix()[i][j] = a[i][j];
        }
      }
      double[] expected = plainDenseSolve(a, b);
      if (expected == null) {
        assertThat(lu.factor(pattern)).isFalse();
        continue;
      }
      assertThat(lu.factor(pattern)).as("trial %d", trial).isTrue();
      double[] x = b.clone();
      lu.solve(x);
      assertThat(x).as("trial %d", trial).containsExactly(expected);
    }
  }

  /** A tridiagonal matrix factors without fill-in: L and U keep its 3n − 2 entries. */
  @Test
  void tridiagonalMatrixFactorsWithoutFillIn() {
    int n = 100;
    DenseLu lu = new DenseLu(n);
    double[][] m = lu.matrix();
    for (int i = 0; i < n; i++) {
      m[i][i] = 4.0;
      if (i > 0) {
        m[i][i - 1] = -1.0;
      }
      if (i + 1 < n) {
        m[i][i + 1] = -1.0;
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(i);
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = 4.0 * x[i] - (i > 0 ? x[i - 1] : 0) - (i + 1 < n ? x[i + 1] : 0);
    }
    assertThat(lu.factor()).isTrue();
    assertThat(lu.factorEntries()).isEqualTo(3 * n - 2);
    lu.solve(b);
    for (int i = 0; i < n; i++) {
      assertThat(b[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-14));
    }
  }

  /** Textbook Gaussian elimination with partial pivoting over full rows; null if singular. */
  private static double[] plainDenseSolve(double[][] matrix, double[] rhs) {
    int n = rhs.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    double[] x = rhs.clone();
    for (int k = 0; k < n; k++) {
      int p = k;
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
          p = i;
        }
      }
      if (a[p][k] == 0.0) {
        return null;
      }
      double[] r = a[p];
      a[p] = a[k];
      a[k] = r;
      double t = x[p];
      x[p] = x[k];
      x[k] = t;
      double inverse = 1.0 / a[k][k];
      for (int i = k + 1; i < n; i++) {
        a[i][k] = a[i][k] * inverse;
        for (int j = k + 1; j < n; j++) {
          a[i][j] -= a[i][k] * a[k][j];
        }
      }
    }
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        x[i] -= a[i][j] * x[j];
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      for (int j = i + 1; j < n; j++) {
        x[i] -= a[i][j] * x[j];
      }
      x[i] /= a[i][i];
    }
    return x;
  }
}
