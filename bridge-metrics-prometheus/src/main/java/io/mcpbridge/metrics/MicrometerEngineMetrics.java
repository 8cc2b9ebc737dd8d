package io.mcpbridge.metrics;

import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.port.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Integrator work per completed run, and solver failures by reason. */
final class MicrometerEngineMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final Counter runs;
  private final Counter steps;
  private final Counter rhs;
  private final Counter jacobians;
  private final Counter errorTestFailures;
  private final Counter convergenceFailures;

  MicrometerEngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.runs = counter("bridge.engine.runs", "Simulation runs completed");
    this.steps = counter("bridge.engine.steps", "Accepted integrator steps");
    this.rhs = counter("bridge.engine.rhs.evaluations", "Right-hand-side evaluations");
    this.jacobians = counter("bridge.engine.jacobian.evaluations", "Jacobian evaluations");
    this.errorTestFailures = counter("bridge.engine.error.test.failures", "Steps rejected by the local error test");
    this.convergenceFailures = counter("bridge.engine.convergence.failures", "Newton convergence failures");
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  @Override
  public void runCompleted(RunStatistics s) {
    runs.increment();
    steps.increment(s.steps());
    rhs.increment(s.rhsEvaluations());
    jacobians.increment(s.jacobianEvaluations());
    errorTestFailures.increment(s.errorTestFailures());
    convergenceFailures.increment(s.convergenceFailures());
  }

  @Override
  public void runFailed(String reason) {
    Counter.builder("bridge.engine.solver.failures").description("Runs ended by an engine or model error, by reason")
        .tags("reason", reason).register(registry).increment();
  }
}
