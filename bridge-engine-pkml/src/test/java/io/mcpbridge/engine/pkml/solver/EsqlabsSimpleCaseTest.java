package io.mcpbridge.engine.pkml.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference case A of shared/reference/pkml (esqlabsR simple.pkml), hand-coded and run exactly as OSP
 * runs it, compared with a SUNDIALS CVODES run configured like OSP.
 */
class EsqlabsSimpleCaseTest {
  /** Unknowns in SimModel's order: Liver|A, Liver|B, A, B, RHSParameter. */
  private static final class SimpleModel implements OdeSystem {
    static final double K1 = 0.01;
    static final double Q = 10.0;
    static final double VOLUME = 1.0;

    @Override
    public int size() {
      return 5;
    }

    @Override
    public void rhs(double t, double[] y, double[] dydt) {
      dydt[0] = -K1 * y[0];
      dydt[1] = K1 * y[0];
      dydt[2] = -K1 * y[2];
      dydt[3] = K1 * y[2];
      dydt[4] = Q * VOLUME * t;
    }

    @Override
    public void jacobian(double t, double[] y, double[][] jacobian) {
      jacobian[0][0] = -K1;
      jacobian[1][0] = K1;
      jacobian[2][2] = -K1;
      jacobian[3][2] = K1;
    }
  }

  private record Reference(double[] times, double[][] values) {}

  private static Reference readReference() throws IOException {
    Path csv = SharedReference.pkmlReferenceDirectory()
        .resolve("results").resolve("esqlabsR_simple_DERIVED_cvodes_harness.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    double[] times = new double[rows.size()];
    double[][] values = new double[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      times[r] = rows.get(r)[0];
      values[r] = Arrays.copyOfRange(rows.get(r), 1, rows.get(r).length);
    }
    return new Reference(times, values);
  }

  /** Runs like OSP: reset at 0, integrateTo each output (one-step past it, interpolate back). */
  static float[][] simulate(double[] y0, double[] times, BdfIntegrator integrator) {
    float[][] out = new float[times.length][];
    integrator.reset(0.0, y0);
    double[] y = new double[y0.length];
    for (int r = 0; r < times.length; r++) {
      if (times[r] == 0.0) {
        y = y0.clone();
      } else {
        integrator.integrateTo(times[r], y, StepMonitor.NONE);
      }
      out[r] = new float[y.length];
      for (int i = 0; i < y.length; i++) {
        out[r][i] = (float) y[i];
      }
    }
    return out;
  }

  @Test
  void matchesCvodesRunConfiguredLikeOsp() throws IOException {
    Reference ref = readReference();
    assertThat(ref.times()).hasSize(21);
    double[] y0 = ref.values()[0].clone();
    // The initial amounts and R(0) = 15 as documented in the reference README.
    assertThat(y0).containsExactly(30.0, 5.0, 40.0, 10.0, 15.0);
    BdfOptions options = new BdfOptions(1e-4, filled(5, 1e-9), 1e-10, 0.0, 60.0, 100000, 5);
    BdfIntegrator integrator = new BdfIntegrator(new SimpleModel(), options);

    float[][] ours = simulate(y0, ref.times(), integrator);

    double maxDeviation = 0.0;
    StringBuilder table = new StringBuilder();
    for (int r = 0; r < ref.times().length; r++) {
      table.append(String.format("t=%5.0f", ref.times()[r]));
      for (int i = 0; i < 5; i++) {
        float expected = (float) ref.values()[r][i];
        double dev = Math.abs(ours[r][i] - expected) / Math.abs(expected);
        maxDeviation = Math.max(maxDeviation, dev);
        table.append(String.format("  %.3e", dev));
      }
      table.append('\n');
    }
    System.out.println("case A relative deviation per output (float32):\n" + table);
    System.out.println("case A max relative deviation = " + maxDeviation);
    System.out.println("case A statistics: " + integrator.statistics());
    assertThat(maxDeviation).isLessThanOrEqualTo(1e-6);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
