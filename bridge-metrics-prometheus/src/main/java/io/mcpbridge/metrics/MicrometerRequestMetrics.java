package io.mcpbridge.metrics;

import io.mcpbridge.core.port.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** Tool calls and HTTP requests as latency histograms (their counts are the request totals). */
final class MicrometerRequestMetrics implements RequestMetrics {
  private final Timer.Builder toolCalls = Timer.builder("bridge.tool.call.duration")
      .description("Tool calls by tool, channel and outcome")
      .serviceLevelObjectives(Buckets.REQUEST);
  private final Timer.Builder httpRequests = Timer.builder("bridge.http.server.requests")
      .description("HTTP requests by method, route template and status")
      .serviceLevelObjectives(Buckets.REQUEST);
  private final MeterRegistry registry;
  // Timers by label values, so a request costs a map lookup rather than a registry lookup through a
  // new builder and meter id. Bounded as the label values are.
  private final ConcurrentHashMap<ToolKey, Timer> toolTimers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<HttpKey, Timer> httpTimers = new ConcurrentHashMap<>();

  MicrometerRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void toolCalled(String tool, String channel, String outcome, String error, Duration latency) {
    toolTimers.computeIfAbsent(new ToolKey(tool, channel, outcome, error), k -> toolCalls
        .tags("tool", k.tool(), "channel", k.channel(), "outcome", k.outcome(), "error", k.error())
        .register(registry)).record(latency);
  }

  @Override
  public void httpRequest(String method, String route, int status, Duration latency) {
    httpTimers.computeIfAbsent(new HttpKey(method, route, status), k -> httpRequests
        .tags("method", k.method(), "route", k.route(), "status", Integer.toString(k.status()))
        .register(registry)).record(latency);
  }

  private record ToolKey(String tool, String channel, String outcome, String error) {}

  private record HttpKey(String method, String route, int status) {}
}
