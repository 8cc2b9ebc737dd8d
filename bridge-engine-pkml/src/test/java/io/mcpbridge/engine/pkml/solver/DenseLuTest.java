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
}
