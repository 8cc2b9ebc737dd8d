package io.mcpbridge.engine.pkml.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.engine.pkml.ReferenceData;
import io.mcpbridge.engine.pkml.solver.StepMonitor;
import io.mcpbridge.engine.pkml.xml.PkmlReader;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact Jacobian of the ~150-unknown PK-Sim model against central differences. */
class PkSimJacobianTest {

  /**
   * At the state reached 60 min after the bolus, every entry must match (f(y+h e_j) − f(y−h e_j))/2h
   * with h_j = 1e-6·max(1, |y_j|). The rates are smooth there (rational functions, MIN/MAX and
   * conditionals away from their switch points), so the difference quotient is off by its
   * truncation error O(h²·f''') plus rounding ≈ 1e-16·|f|/h. Both stay below 1e-6 relative to the
   * row's largest entry; a missing or wrong chain-rule term is off by O(entry).
   */
  @Test
  void exactJacobianMatchesCentralDifferences() throws Exception {
    PkmlModel m = ModelCompiler.compile(PkmlReader.read(Files.readAllBytes(
        ReferenceData.model("extra_no_reference_numbers/pksim_simple_simulation.pkml"))), new FormulaExpressionCompiler());
    SimulationRun prepared = new SimulationRun(m, new RunRequest(Map.of(), new int[0], new double[] {0},
        m.solverSettings(), StepMonitor.NONE), m.solverSettings());
    prepared.initialValues();
    int[] states = prepared.stateSlots();
    int n = states.length;
    assertThat(n).isBetween(140, 160);
    double t = 60;
    RunOutcome reached = m.run(Map.of(), states, new double[] {0, t}, m.solverSettings(), StepMonitor.NONE);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = reached.values()[i][1];
    }

    AssembledSystem sys = prepared.system();
    double[][] exact = new double[n][n];
    sys.jacobian(t, y, exact);
    double[][] fd = new double[n][n];
    double[] plus = new double[n];
    double[] minus = new double[n];
    for (int j = 0; j < n; j++) {
      double h = 1e-6 * Math.max(1, Math.abs(y[j]));
      double[] yp = y.clone();
      double[] ym = y.clone();
      yp[j] += h;
      ym[j] -= h;
      sys.rhs(t, yp, plus);
      sys.rhs(t, ym, minus);
      for (int i = 0; i < n; i++) {
        fd[i][j] = (plus[i] - minus[i]) / (2 * h);
      }
    }
    int nonZero = 0;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double rowScale = 0;
      for (int j = 0; j < n; j++) {
        rowScale = Math.max(rowScale, Math.max(Math.abs(exact[i][j]), Math.abs(fd[i][j])));
      }
      for (int j = 0; j < n; j++) {
        nonZero += exact[i][j] != 0 ? 1 : 0;
        double dev = Math.abs(exact[i][j] - fd[i][j]) / Math.max(rowScale, 1e-300);
        worst = Math.max(worst, dev);
        assertThat(dev).as("J[%d][%d] exact %s vs %s", i, j, exact[i][j], fd[i][j]).isLessThan(1e-6);
      }
    }
    System.out.printf("PK-Sim Jacobian: %d unknowns, %d non-zero entries, worst relative deviation %.2e%n", n,
        nonZero, worst);
    assertThat(nonZero).isGreaterThan(2 * n);
  }
}
