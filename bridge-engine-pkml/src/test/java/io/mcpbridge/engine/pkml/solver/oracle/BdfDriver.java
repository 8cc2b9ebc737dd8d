package io.mcpbridge.engine.pkml.solver.oracle;

import io.mcpbridge.engine.pkml.solver.BdfIntegrator;
import io.mcpbridge.engine.pkml.solver.BdfOptions;
import io.mcpbridge.engine.pkml.solver.OdeSystem;
import io.mcpbridge.engine.pkml.solver.SolverStatistics;
import java.util.ArrayList;
import java.util.List;

/** Runs the engine's {@link BdfIntegrator} over time points exactly as {@link CvodesOracle} runs CVODES. */
public final class BdfDriver {
  private BdfDriver() {}

  /** Integrates from t = 0 and y0 through the given time points (all &gt; 0, increasing). */
  public static Trajectory run(OdeSystem system, BdfOptions options, double[] y0, double[] times) {
    BdfIntegrator integrator = new BdfIntegrator(system, options);
    integrator.reset(0.0, y0);
    List<StepRecord> steps = new ArrayList<>();
    double[][] states = new double[times.length][system.size()];
    for (int k = 0; k < times.length; k++) {
      integrator.integrateTo(times[k], states[k], t -> {
        SolverStatistics s = integrator.statistics();
        steps.add(new StepRecord(t, s.lastStepSize(), s.lastOrder()));
      });
    }
    SolverStatistics s = integrator.statistics();
    return new Trajectory(steps, states, s.errorTestFailures(), s.convergenceFailures(), s.jacobianEvaluations(),
        s.luDecompositions());
  }
}
