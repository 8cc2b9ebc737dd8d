package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BdfCoefficientsTest {
  /** Coefficients of Π_{j=1..q} (1 + x/j): the constant-step BDF corrector vector, normalised to l_0 = 1. */
  private static double[] constantStepL(int q) {
    double[] p = new double[q + 1];
    p[0] = 1.0;
    for (int j = 1; j <= q; j++) {
      for (int i = j; i >= 1; i--) {
        p[i] += p[i - 1] / j;
      }
    }
    return p;
  }

  @Test
  void constantStepsGiveTheClassicalBdfCorrectorVector() {
    double h = 0.3;
    double[] tau = new double[7];
    Arrays.fill(tau, h);
    for (int q = 1; q <= 5; q++) {
      BdfCoefficients c = new BdfCoefficients(5);
      c.update(q, h, tau, true);
      double[] expected = constantStepL(q);
      for (int i = 0; i <= q; i++) {
        assertThat(c.l()[i]).as("q=%d l[%d]", q, i).isCloseTo(expected[i], offset(1e-14));
      }
      // Leading coefficient fixed at Σ 1/j, the defining property of the fixed-leading-coefficient form.
      double harmonic = 0.0;
      for (int j = 1; j <= q; j++) {
        harmonic += 1.0 / j;
      }
      assertThat(c.l()[1]).isCloseTo(harmonic, offset(1e-14));
      // With constant steps the local error estimate reduces to Δ_n/((q+1)·l_1) (for q = 1 the
      // backward Euler value 1/2); the Newton tolerance is 0.1 divided by it.
      assertThat(c.errorConstant()).isCloseTo(1.0 / ((q + 1) * harmonic), offset(1e-15));
      assertThat(c.newtonTolerance()).isCloseTo(0.1 / c.errorConstant(), offset(1e-15));
    }
  }

  @Test
  void orderOneErrorConstantIsOneHalf() {
    // Backward Euler: local error ≈ −h²/2·y'' and the corrector Δ ≈ h²·y'', so the constant is 1/2.
    BdfCoefficients c = new BdfCoefficients(5);
    c.update(1, 0.1, new double[7], false);
    assertThat(c.errorConstant()).isEqualTo(0.5);
    assertThat(c.l()[0]).isEqualTo(1.0);
    assertThat(c.l()[1]).isEqualTo(1.0);
  }

  @Test
  void variableStepLeadingCoefficientStaysFixed() {
    double[] tau = {0, 0.1, 0.25, 0.05, 0.4, 0.2, 0.3};
    for (int q = 1; q <= 5; q++) {
      BdfCoefficients c = new BdfCoefficients(5);
      c.update(q, 0.17, tau, true);
      double harmonic = 0.0;
      for (int j = 1; j <= q; j++) {
        harmonic += 1.0 / j;
      }
      assertThat(c.l()[1]).as("q=%d", q).isCloseTo(harmonic, offset(1e-14));
    }
  }
}
