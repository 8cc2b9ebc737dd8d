package io.mcpbridge.metrics;

import io.mcpbridge.core.port.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/** A worker process's slots and liveness. Series appear once a worker reports them. */
final class MicrometerWorkerMetrics implements WorkerMetrics {
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
    Gauge.builder("bridge.workers.live", liveWorkers, LongSupplier::getAsLong)
        .description("Workers with a recent heartbeat").strongReference(true).register(registry);
    Gauge.builder("bridge.worker.heartbeat.age", oldestHeartbeatAgeSeconds, LongSupplier::getAsLong)
        .baseUnit("seconds").description("Age of the stalest live worker heartbeat").strongReference(true)
        .register(registry);
  }

  @Override
  public void processed(String outcome) {
    Counter.builder("bridge.worker.jobs.processed").description("Job messages this worker finished, by outcome")
        .tags("outcome", outcome).register(registry).increment();
  }
}
