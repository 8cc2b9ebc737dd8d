package io.mcpbridge.engine.pkml.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.engine.pkml.ReferenceData;

import io.mcpbridge.engine.pkml.solver.StepMonitor;
import io.mcpbridge.engine.pkml.xml.PkmlReader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblyTest {

  static PkmlModel compile(String model) throws Exception {
    return ModelCompiler.compile(PkmlReader.read(Files.readAllBytes(ReferenceData.model(model))),
        new FormulaExpressionCompiler());
  }

  static SimulationRun prepared(PkmlModel m) {
    SimulationRun run = new SimulationRun(m, new RunRequest(Map.of(), new int[0], new double[] {0},
        m.solverSettings(), StepMonitor.NONE), m.solverSettings());
    run.initialValues();
    return run;
  }

  @Test
  void caseAUnknownsInSimModelOrder() throws Exception {
    PkmlModel m = compile("esqlabsR_simple.pkml");
    SimulationRun run = prepared(m);
    assertThat(Arrays.stream(run.stateSlots()).mapToObj(s -> m.slots().get(s).label()).toList())
        .containsExactly("Organism|Liver|A", "Organism|Liver|B", "Organism|A", "Organism|B", "Organism|RHSParameter");
  }

  @Test
  void caseBHasTheSameUnknowns() throws Exception {
    PkmlModel m = compile("ospsuiteR_tests_simple.pkml");
    SimulationRun run = prepared(m);
    assertThat(Arrays.stream(run.stateSlots()).mapToObj(s -> m.slots().get(s).label()).toList())
        .containsExactly("Organism|Liver|A", "Organism|Liver|B", "Organism|A", "Organism|B", "Organism|RHSParameter");
  }

  /**
   * The exact Jacobian against central differences with step h_j = 1e-6·max(1,|y_j|). The rates
   * here are at most quadratic in y, so the central-difference truncation error vanishes up to
   * rounding (~1e-10 relative to the largest entry); 1e-7 relative leaves margin without hiding a
   * wrong entry (a missing chain-rule term would be off by O(1)).
   */
  @Test
  void jacobianMatchesCentralDifferences() throws Exception {
    PkmlModel m = compile("esqlabsR_simple.pkml");
    AssembledSystem sys = prepared(m).system();
    int n = sys.size();
    double[] y = {25, 9, 34, 15, 1200};
    double t = 17;
    double[][] exact = new double[n][n];
    sys.jacobian(t, y, exact);
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
        double fd = (plus[i] - minus[i]) / (2 * h);
        assertThat(exact[i][j]).as("J[%d][%d]", i, j).isCloseTo(fd, org.assertj.core.api.Assertions.within(1e-7));
      }
    }
    assertThat(exact[0][0]).isEqualTo(-0.01);
    assertThat(exact[1][0]).isEqualTo(0.01);
    double[] dydt = new double[n];
    sys.rhs(t, y, dydt);
    assertThat(dydt[4]).isEqualTo(10 * 1 * 17.0); // Q*Volume*Time
  }

  @Test
  void outputGridFollowsOsp() {
    assertThat(OutputGrid.times(List.of(new OutputInterval(0, 300, 0.0666666666666667))))
        .containsExactly(0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180, 195, 210, 225, 240, 255, 270, 285, 300);
    double[] aciclovirLike = OutputGrid.times(List.of(new OutputInterval(0, 15, 1), new OutputInterval(15, 1440, 1.0 / 3)));
    assertThat(aciclovirLike).hasSize(491);
    // 2.5 points round half to even: rint(2.5) = 2 -> 3 points, not 4.
    assertThat(OutputGrid.times(List.of(new OutputInterval(10, 15, 0.5)))).containsExactly(0, 10, 12.5, 15);
    assertThat(OutputGrid.times(List.of(new OutputInterval(5, 5, 1)))).containsExactly(0, 5);
  }

  @Test
  void distributionsFromPercentiles() {
    assertThat(Distributions.value(io.mcpbridge.engine.pkml.model.FormulaKind.NORMAL_DISTRIBUTION, 0.5, 10, 1))
        .isEqualTo(10);
    // Φ(1) = 0.841344746...; the erfc approximation is accurate to ~1e-7.
    assertThat(Distributions.standardQuantile(0.8413447460685429)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(Distributions.value(io.mcpbridge.engine.pkml.model.FormulaKind.LOG_NORMAL_DISTRIBUTION,
        0.8413447460685429, 2, Math.E)).isCloseTo(2 * Math.E, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(Distributions.value(io.mcpbridge.engine.pkml.model.FormulaKind.UNIFORM_DISTRIBUTION, 0.25, 2, 6))
        .isEqualTo(3);
  }
}
