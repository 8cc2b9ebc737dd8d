package io.mcpbridge.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.mcpbridge.core.port.RequestMetrics;
import java.time.Duration;

/**
 * Times every request and reports it by route template (never the concrete path, which may hold
 * ids), so the label set stays bounded.
 */
final class RequestTiming {
  static final String UNMATCHED = "unmatched";
  private static final String STARTED = "bridge.requestStarted";

  private final RequestMetrics metrics;

  RequestTiming(RequestMetrics metrics) {
    this.metrics = metrics;
  }

  void start(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  void finish(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    metrics.httpRequest(ctx.method().name(), route(ctx), ctx.status().getCode(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static String route(Context ctx) {
    try {
      Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
      return matched == null ? UNMATCHED : matched.path;
    } catch (RuntimeException e) {
      return UNMATCHED;
    }
  }
}
