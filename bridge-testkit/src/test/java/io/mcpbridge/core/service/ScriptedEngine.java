package io.mcpbridge.core.service;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fake engine for job-flow tests: a run makes {@code steps} checkpoints (simulated time 0 to
 * {@code steps}) and calls {@code onStep} before each, so a test can move a clock, request
 * cancellation or throw; runs listed in {@code failures} throw instead of starting.
 */
final class ScriptedEngine implements SimulationEngine {
  private final SimulationEngine loader;
  private final int steps;
  private volatile IntConsumer onStep = step -> { };
  private volatile List<RuntimeException> failures = List.of();
  private final AtomicInteger runs = new AtomicInteger();

  /** Loads through {@code loader} (so specs stay real); runs are scripted. */
  ScriptedEngine(SimulationEngine loader, int steps) {
    this.loader = loader;
    this.steps = steps;
  }

  void onStep(IntConsumer action) {
    this.onStep = action;
  }

  /** The first runs throw these, in order; later runs succeed. */
  void failFirstRuns(RuntimeException... errors) {
    this.failures = List.of(errors);
  }

  int runs() {
    return runs.get();
  }

  @Override
  public LoadedModel load(io.mcpbridge.core.model.ModelRef model) {
    return loader.load(model);
  }

  @Override
  public SimulationResult run(SimulationSpec spec, RunControl control) {
    int run = runs.getAndIncrement();
    if (run < failures.size()) {
      throw failures.get(run);
    }
    double[] times = new double[steps + 1];
    double[] values = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      onStep.accept(i);
      control.checkpoint(i, steps);
      times[i] = i;
      values[i] = 100 - i;
    }
    return new SimulationResult(spec.model(), times, List.of(new TimeSeries("Organism|Central|Drug", "Amount", values)),
        new RunStatistics(steps, steps, 0, 0, 0, Duration.ZERO));
  }
}
