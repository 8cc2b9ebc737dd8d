package io.mcpbridge.engine.pkml.bench;

import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
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
 * Runs {@link SimModelBenchmark} (one fork, 2 × 1 s warm-up, 3 × 1 s measurement) and prints a
 * Markdown table with the size and solver counters of one run of each model. Arguments, if any,
 * restrict the run to these models (paths relative to {@code shared/reference/simmodel-xml}).
 */
public final class SimModelBenchmarks {
  private SimModelBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    OptionsBuilder builder = new OptionsBuilder();
    if (args.length > 0) {
      builder.param("model", args);
    }
    Options options = builder
        .include(SimModelBenchmark.class.getName())
        .forks(1)
        .warmupIterations(2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Xmx2g")
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, double[]> table = new LinkedHashMap<>();
    for (RunResult r : results) {
      String model = r.getParams().getParam("model");
      double[] row = table.computeIfAbsent(model, m -> new double[4]);
      boolean load = r.getParams().getBenchmark().endsWith(".load");
      row[load ? 0 : 2] = r.getPrimaryResult().getScore();
      row[load ? 1 : 3] = r.getPrimaryResult().getScoreError();
    }
    System.out.println();
    System.out.println("| model | quantities | unknowns | load [ms] | warm run [ms] | steps | RHS evals | Jacobian evals |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    for (Map.Entry<String, double[]> e : table.entrySet()) {
      var ref = EngineFixture.ref(SimModelBenchmark.file(e.getKey()));
      var quantities = engine.load(ref).quantities();
      long unknowns = quantities.stream().filter(q -> q.stateVariable()).count();
      RunStatistics s = engine.run(SimulationSpec.of(ref), RunControl.unbounded()).statistics();
      double[] v = e.getValue();
      System.out.printf("| %s | %d | %d | %.1f ± %.1f | %.1f ± %.1f | %d | %d | %d |%n", e.getKey().replaceAll(".*/", ""),
          quantities.size(), unknowns, v[0], v[1], v[2], v[3], s.steps(), s.rhsEvaluations(), s.jacobianEvaluations());
    }
  }
}
