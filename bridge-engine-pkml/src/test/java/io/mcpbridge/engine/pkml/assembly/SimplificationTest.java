package io.mcpbridge.engine.pkml.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.engine.pkml.ReferenceData;
import io.mcpbridge.engine.pkml.solver.StepMonitor;
import io.mcpbridge.engine.pkml.xml.PkmlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How the unknown set and the solver's time points are derived before a run (PKML-ENGINE.md §4.1, §2.1). */
class SimplificationTest {

  static PkmlModel resource(String name) throws Exception {
    Path file = Path.of(SimplificationTest.class.getResource("/pkml/" + name).toURI());
    return ModelCompiler.compile(PkmlReader.read(Files.readAllBytes(file)), new FormulaExpressionCompiler());
  }

  static List<String> unknowns(PkmlModel m, Map<Integer, Double> overrides) {
    SimulationRun run = new SimulationRun(m, new RunRequest(overrides, new int[0], new double[] {0},
        m.solverSettings(), StepMonitor.NONE), m.solverSettings());
    run.initialValues();
    return Arrays.stream(run.stateSlots()).mapToObj(s -> m.slots().get(s).label()).toList();
  }

  @Test
  void aRateWithAFixedZeroFactorIsDroppedAndItsOnlyPartnerBecomesConstant() throws Exception {
    PkmlModel m = resource("bateman.pkml");
    assertThat(unknowns(m, Map.of())).containsExactly("Organism|Gut", "Organism|Central", "Organism|X");
    // ke = 0 makes ke*Central and ke*X vanish identically although Central and X are unknowns:
    // X has no other term and leaves the ODE; Central keeps its absorption term.
    int ke = m.slotOf("Organism|ke").orElseThrow();
    assertThat(unknowns(m, Map.of(ke, 0.0))).containsExactly("Organism|Gut", "Organism|Central");
    int ka = m.slotOf("Organism|ka").orElseThrow();
    assertThat(unknowns(m, Map.of(ka, 0.0))).containsExactly("Organism|Central", "Organism|X");
  }

  @Test
  void realDermalModelLosesTheSinkWhoseInflowsAreAllScaledByZero() throws Exception {
    PkmlModel m = ModelCompiler.compile(PkmlReader.read(Files.readAllBytes(
        ReferenceData.model("extra_no_reference_numbers/not_ok_sim.pkml"))), new FormulaExpressionCompiler());
    List<String> unknowns = unknowns(m, Map.of());
    // 125 amounts in processes + 1 RHS parameter are candidates; the in-vivo sink only receives
    // k_de*dx*Ar*con_A with k_de = 0, so OSP keeps it as a constant.
    assertThat(m.candidates()).hasSize(126);
    assertThat(unknowns).hasSize(125).doesNotContain("DERMAL_APPLICATION_AREA|in_vivo_sink|permeant");
  }

  @Test
  void offsetTableRestartTimesMoveWithAConstantOffset() throws Exception {
    PkmlModel m = resource("offset_table.pkml");
    SimulationRun run = new SimulationRun(m, new RunRequest(Map.of(), new int[0], new double[] {0},
        m.solverSettings(), StepMonitor.NONE), m.solverSettings());
    run.initialValues();
    TreeMap<Double, Integer> points = run.timePoints(new double[] {0, 50, 100});
    // Derived table: restarts at its first x (0) and where the slope leaves zero (10); read at
    // Time - StartTime with StartTime = 25 these are 25 and 35. The unshifted 10 stays as well,
    // as every table formula in the model contributes its own points.
    assertThat(points).containsEntry(25.0, SimulationRun.RESTART).containsEntry(35.0, SimulationRun.RESTART)
        .containsEntry(10.0, SimulationRun.RESTART).containsEntry(50.0, SimulationRun.OUTPUT);
  }

  @Test
  void offsetTableDrivesTheInputAtTheShiftedTimes() throws Exception {
    PkmlModel m = resource("offset_table.pkml");
    int amount = m.slotOf("Organism|M").orElseThrow();
    SolverSettings tight = m.solverSettings().withTolerances(1e-12, 1e-10);
    RunOutcome out = m.run(Map.of(), new int[] {amount}, new double[] {0, 30, 40, 50, 100}, tight, StepMonitor.NONE);
    // Slope 10/min of the cumulative table on [35, 45): M = 0, 0, 50, 100, 100. The input is
    // piecewise constant, so BDF with a restart at 35 integrates it exactly up to the step over
    // the kink at 45, which the error test resolves to far below 1e-6 at RelTol 1e-10.
    double[] m0 = out.values()[0];
    assertThat(m0[1]).isEqualTo(0);
    assertThat(m0[2]).isCloseTo(50, within(1e-6));
    assertThat(m0[3]).isCloseTo(100, within(1e-6));
    assertThat(m0[4]).isCloseTo(100, within(1e-6));
  }
}
