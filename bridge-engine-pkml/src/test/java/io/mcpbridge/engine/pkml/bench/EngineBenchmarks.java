package io.mcpbridge.engine.pkml.bench;

import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.engine.pkml.ReferenceData;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineBenchmark} and {@link RepeatedRunBenchmark} with modest iterations (one fork, 3 × 1 s warm-up, 5 × 1 s
 * measurement) and prints a Markdown table with the solver counters of one run of each model.
 */
public final class EngineBenchmarks {
  private EngineBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(EngineBenchmark.class.getName() + "\\.")
        .include(RepeatedRunBenchmark.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Xmx1g")
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, double[]> table = new LinkedHashMap<>();
    RunResult repeated = null;
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().startsWith(RepeatedRunBenchmark.class.getName())) {
        repeated = r;
        continue;
      }
      String model = r.getParams().getParam("model");
      double[] row = table.computeIfAbsent(model, m -> new double[4]);
      boolean load = r.getParams().getBenchmark().endsWith(".load");
      row[load ? 0 : 2] = r.getPrimaryResult().getScore();
      row[load ? 1 : 3] = r.getPrimaryResult().getScoreError();
    }
    System.out.println();
    System.out.println("| model | unknowns | load [ms] | warm run [ms] | steps | RHS evals | Jacobian evals |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    for (Map.Entry<String, double[]> e : table.entrySet()) {
      var ref = EngineFixture.ref(ReferenceData.model(e.getKey()));
      long unknowns = engine.load(ref).quantities().stream().filter(q -> q.stateVariable()).count();
      RunStatistics s = engine.run(SimulationSpec.of(ref), RunControl.unbounded()).statistics();
      double[] v = e.getValue();
      System.out.printf("| %s | %d | %.3f ± %.3f | %.3f ± %.3f | %d | %d | %d |%n", e.getKey().replaceAll(".*/", ""),
          unknowns, v[0], v[1], v[2], v[3], s.steps(), s.rhsEvaluations(), s.jacobianEvaluations());
    }
    if (repeated != null) {
      System.out.printf("%nRuns #2..N of %s, a different individual each run (3 overrides): %.3f ± %.3f ms%n",
          RepeatedRunBenchmark.MODEL.replaceAll(".*/", ""), repeated.getPrimaryResult().getScore(),
          repeated.getPrimaryResult().getScoreError());
    }
  }
}
