package io.mcpbridge.metrics;

import io.mcpbridge.core.port.AuditMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Audit records stored and refused, append latency, backlog and health. */
final class MicrometerAuditMetrics implements AuditMetrics {
  private final MeterRegistry registry;
  private final Counter appended;
  private final Counter failed;
  private final Timer latency;

  MicrometerAuditMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.appended = Counter.builder("bridge.audit.appends").description("Audit records stored durably")
        .register(registry);
    this.failed = Counter.builder("bridge.audit.append.failures").description("Audit records that could not be stored")
        .register(registry);
    this.latency = Timer.builder("bridge.audit.append.duration")
        .description("Time from a record's arrival at the writer to its durable storage")
        .serviceLevelObjectives(Buckets.AUDIT).register(registry);
  }

  @Override
  public void appended(int records, Duration wait) {
    appended.increment(records);
    latency.record(wait);
  }

  @Override
  public void appendFailed(int records) {
    failed.increment(records);
  }

  @Override
  public void observe(BooleanSupplier healthy, LongSupplier backlog) {
    Gauge.builder("bridge.audit.healthy", healthy, h -> h.getAsBoolean() ? 1 : 0)
        .description("1 while audit appends succeed; 0 means mutating tools are refused (fail closed)")
        .strongReference(true).register(registry);
    Gauge.builder("bridge.audit.backlog", backlog, LongSupplier::getAsLong)
        .description("Audit records accepted but not yet stored").strongReference(true).register(registry);
  }
}
