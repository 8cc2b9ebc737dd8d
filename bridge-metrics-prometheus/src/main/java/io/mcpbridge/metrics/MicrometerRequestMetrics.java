package io.mcpbridge.metrics;

import io.mcpbridge.core.port.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Tool calls and HTTP requests as latency histograms (their counts are the request totals). */
final class MicrometerRequestMetrics implements RequestMetrics {
  private final Timer.Builder toolCalls = Timer.builder("bridge.tool.call.duration")
      .description("Tool calls by tool, channel and outcome")
      .serviceLevelObjectives(Buckets.REQUEST);
  private final Timer.Builder httpRequests = Timer.builder("bridge.http.server.requests")
      .description("HTTP requests by method, route template and status")
      .serviceLevelObjectives(Buckets.REQUEST);
  private final MeterRegistry registry;

  MicrometerRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void toolCalled(String tool, String channel, String outcome, String error, Duration latency) {
    toolCalls.tags("tool", tool, "channel", channel, "outcome", outcome, "error", error)
        .register(registry).record(latency);
  }

  @Override
  public void httpRequest(String method, String route, int status, Duration latency) {
    httpRequests.tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry).record(latency);
  }
}
