package io.mcpbridge.core.sensitivity.global;

import java.util.ArrayList;
import java.util.List;

/**
 * Test functions whose Sobol indices are known in closed form, with the formulas for them.
 *
 * <p>Ishigami: f = sin x1 + a·sin² x2 + b·x3⁴·sin x1, x_i ~ U(−π, π). V1 = (1 + bπ⁴/5)²/2,
 * V2 = a²/8, V3 = 0, V13 = b²π⁸(1/18 − 1/50), V = V1 + V2 + V13.
 *
 * <p>Sobol g-function: f = Π (|4x_i − 2| + a_i)/(1 + a_i), x_i ~ U(0, 1). V_i = 1/(3(1 + a_i)²),
 * V = Π(1 + V_i) − 1, S_i = V_i / V, S_Ti = V_i·Π_{j≠i}(1 + V_j) / V.
 */
final class AnalyticTestFunctions {
  static final double ISHIGAMI_A = 7;
  static final double ISHIGAMI_B = 0.1;
  static final double[] G_COEFFICIENTS = {0, 1, 4.5, 9, 99, 99, 99, 99};

  private AnalyticTestFunctions() {}

  static double ishigami(double[] x) {
    return Math.sin(x[0]) + ISHIGAMI_A * Math.pow(Math.sin(x[1]), 2)
        + ISHIGAMI_B * Math.pow(x[2], 4) * Math.sin(x[0]);
  }

  static List<GlobalParameter> ishigamiParameters() {
    return List.of(GlobalParameter.uniform("x1", -Math.PI, Math.PI),
        GlobalParameter.uniform("x2", -Math.PI, Math.PI),
        GlobalParameter.uniform("x3", -Math.PI, Math.PI));
  }

  /** {S1, S2, S3}. */
  static double[] ishigamiFirstOrder() {
    double[] v = ishigamiPartialVariances();
    double total = v[0] + v[1] + v[3];
    return new double[] {v[0] / total, v[1] / total, 0};
  }

  /** {ST1, ST2, ST3}. */
  static double[] ishigamiTotal() {
    double[] v = ishigamiPartialVariances();
    double total = v[0] + v[1] + v[3];
    return new double[] {(v[0] + v[3]) / total, v[1] / total, v[3] / total};
  }

  /** {V1, V2, V3, V13}. */
  private static double[] ishigamiPartialVariances() {
    double a = ISHIGAMI_A;
    double b = ISHIGAMI_B;
    double pi4 = Math.pow(Math.PI, 4);
    double pi8 = Math.pow(Math.PI, 8);
    double v1 = 0.5 * Math.pow(1 + b * pi4 / 5, 2);
    double v2 = a * a / 8;
    double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    return new double[] {v1, v2, 0, v13};
  }

  static double gFunction(double[] x) {
    double product = 1;
    for (int i = 0; i < x.length; i++) {
      product *= (Math.abs(4 * x[i] - 2) + G_COEFFICIENTS[i]) / (1 + G_COEFFICIENTS[i]);
    }
    return product;
  }

  static List<GlobalParameter> gFunctionParameters() {
    List<GlobalParameter> out = new ArrayList<>();
    for (int i = 0; i < G_COEFFICIENTS.length; i++) {
      out.add(GlobalParameter.uniform("x" + (i + 1), 0, 1));
    }
    return out;
  }

  static double[] gFirstOrder() {
    double[] vi = gPartialVariances();
    double v = gVariance(vi);
    double[] out = new double[vi.length];
    for (int i = 0; i < vi.length; i++) {
      out[i] = vi[i] / v;
    }
    return out;
  }

  static double[] gTotal() {
    double[] vi = gPartialVariances();
    double v = gVariance(vi);
    double[] out = new double[vi.length];
    for (int i = 0; i < vi.length; i++) {
      double others = 1;
      for (int j = 0; j < vi.length; j++) {
        if (j != i) {
          others *= 1 + vi[j];
        }
      }
      out[i] = vi[i] * others / v;
    }
    return out;
  }

  private static double[] gPartialVariances() {
    double[] vi = new double[G_COEFFICIENTS.length];
    for (int i = 0; i < vi.length; i++) {
      vi[i] = 1 / (3 * Math.pow(1 + G_COEFFICIENTS[i], 2));
    }
    return vi;
  }

  private static double gVariance(double[] vi) {
    double product = 1;
    for (double v : vi) {
      product *= 1 + v;
    }
    return product - 1;
  }
}
