package io.mcpbridge.metrics;

import io.mcpbridge.core.port.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/** A worker process's slots and liveness. Series appear once a worker reports them. */
final class MicrometerWorkerMetrics implements WorkerMetrics {
  private static final String UNNAMED = "unnamed";
  private final MeterRegistry registry;

  MicrometerWorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void observe(LongSupplier busySlots, LongSupplier slots, LongSupplier liveWorkers,
      LongSupplier oldestHeartbeatAgeSeconds) {
    Gauge.builder("bridge.worker.busy.slots", busySlots, LongSupplier::getAsLong)
        .description("Jobs running in this worker").strongReference(true).register(registry);
    Gauge.builder("bridge.worker.slots", slots, LongSupplier::getAsLong)
        .description("Concurrent jobs this worker accepts").strongReference(true).register(registry);
    observeFleet(liveWorkers, oldestHeartbeatAgeSeconds);
  }

  @Override
  public void observeFleet(LongSupplier liveWorkers, LongSupplier oldestHeartbeatAgeSeconds) {
    Gauge.builder("bridge.workers.live", liveWorkers, LongSupplier::getAsLong)
        .description("Workers with a recent heartbeat").strongReference(true).register(registry);
    Gauge.builder("bridge.worker.heartbeat.age", oldestHeartbeatAgeSeconds, LongSupplier::getAsLong)
        .baseUnit("seconds").description("Age of the stalest live worker heartbeat").strongReference(true)
        .register(registry);
  }

  @Override
  public void processed(String outcome) {
    processed(UNNAMED, outcome);
  }

  /** One series per worker process and outcome: the worker label is bounded by the number of workers. */
  @Override
  public void processed(String worker, String outcome) {
    Counter.builder("bridge.worker.jobs.processed").description("Job messages a worker finished, by worker and outcome")
        .tags("worker", worker, "outcome", outcome).register(registry).increment();
  }
}
