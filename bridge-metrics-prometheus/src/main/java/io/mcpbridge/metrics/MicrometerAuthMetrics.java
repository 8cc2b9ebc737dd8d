package io.mcpbridge.metrics;

import io.mcpbridge.core.port.AuthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Refused authentications by reason, rate-limit refusals by scope. */
final class MicrometerAuthMetrics implements AuthMetrics {
  private final MeterRegistry registry;

  MicrometerAuthMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void refused(Reason reason) {
    Counter.builder("bridge.auth.refusals").description("Refused authentications by reason")
        .tags("reason", reason.label()).register(registry).increment();
  }

  @Override
  public void rateLimited(String scope) {
    Counter.builder("bridge.rate.limit.refusals").description("Requests refused by the rate limit, by scope")
        .tags("scope", scope).register(registry).increment();
  }
}
