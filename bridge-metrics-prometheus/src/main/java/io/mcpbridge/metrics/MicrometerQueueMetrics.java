package io.mcpbridge.metrics;

import io.mcpbridge.core.port.QueueMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** The broker of the queue backend. Series appear once the backend reports them. */
final class MicrometerQueueMetrics implements QueueMetrics {
  private final MeterRegistry registry;

  MicrometerQueueMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void observe(LongSupplier depth, LongSupplier oldestAgeSeconds, LongSupplier pending,
      BooleanSupplier connected) {
    Gauge.builder("bridge.queue.depth", depth, LongSupplier::getAsLong).description("Job messages waiting for a worker")
        .strongReference(true).register(registry);
    Gauge.builder("bridge.queue.oldest.message.age", oldestAgeSeconds, LongSupplier::getAsLong).baseUnit("seconds")
        .description("Age of the oldest waiting job message").strongReference(true).register(registry);
    Gauge.builder("bridge.queue.pending.deliveries", pending, LongSupplier::getAsLong)
        .description("Deliveries not yet acknowledged by a worker").strongReference(true).register(registry);
    observeBroker(connected);
  }

  @Override
  public void observeBroker(BooleanSupplier connected) {
    Gauge.builder("bridge.queue.broker.up", connected, c -> c.getAsBoolean() ? 1 : 0)
        .description("1 while the broker connection is up").strongReference(true).register(registry);
  }

  @Override
  public void redelivered() {
    Counter.builder("bridge.queue.redeliveries").description("Messages delivered again").register(registry).increment();
  }

  @Override
  public void leaseExpired() {
    Counter.builder("bridge.queue.lease.expiries").description("Worker leases that expired").register(registry)
        .increment();
  }

  @Override
  public void reconciled(String action) {
    Counter.builder("bridge.queue.reconciler.actions").description("Reconciler actions by kind")
        .tags("action", action).register(registry).increment();
  }

  @Override
  public void published(Duration latency) {
    Timer.builder("bridge.queue.publish.duration").description("Time until the broker confirmed a publication")
        .serviceLevelObjectives(Buckets.AUDIT).register(registry).record(latency);
  }
}
