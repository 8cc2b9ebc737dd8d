package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class NordsieckHistoryTest {
  /** History of the cubic p(t) = 1 + 2t − t² + 0.5t³ at t = 0 with step h (row j = h^j/j!·p^(j)). */
  private static NordsieckHistory cubic(double h) {
    NordsieckHistory z = new NordsieckHistory(1, 5);
    z.row(0)[0] = 1.0;
    z.row(1)[0] = h * 2.0;
    z.row(2)[0] = h * h / 2.0 * -2.0;
    z.row(3)[0] = h * h * h / 6.0 * 3.0;
    return z;
  }

  private static double p(double t) {
    return 1 + 2 * t - t * t + 0.5 * t * t * t;
  }

  @Test
  void predictionIsTheTaylorShiftAndRetractionUndoesIt() {
    double h = 0.2;
    NordsieckHistory z = cubic(h);
    z.predict(3);
    assertThat(z.row(0)[0]).isCloseTo(p(h), offset(1e-15));
    z.retract(3);
    assertThat(z.row(0)[0]).isCloseTo(1.0, offset(1e-15));
    assertThat(z.row(3)[0]).isCloseTo(h * h * h / 6.0 * 3.0, offset(1e-15));
  }

  @Test
  void interpolationAndRescalingReproduceThePolynomial() {
    double h = 0.2;
    NordsieckHistory z = cubic(h);
    double[] out = new double[1];
    z.interpolate(3, -0.5, out);
    assertThat(out[0]).isCloseTo(p(-0.1), offset(1e-15));
    z.rescale(3, 2.5); // now scaled to h = 0.5
    z.interpolate(3, 0.4, out);
    assertThat(out[0]).isCloseTo(p(0.2), offset(1e-14));
  }
}
