package io.mcpbridge.http;

import io.mcpbridge.core.port.MetricsExposition;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP edge measures and whether it serves {@code GET /metrics}.
 *
 * @param requests where every answered request is counted, by route template and status
 * @param exposition the scrape served at {@code /metrics}; empty = no such route on this server
 * @param bearerToken when present, {@code /metrics} requires {@code Authorization: Bearer <token>}
 */
public record HttpObservability(RequestMetrics requests, Optional<MetricsExposition> exposition,
    Optional<String> bearerToken) {
  public HttpObservability {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(exposition, "exposition");
    Objects.requireNonNull(bearerToken, "bearerToken");
  }

  /** Measures nothing and serves no {@code /metrics}. */
  public static HttpObservability none() {
    return new HttpObservability(NoMetrics.INSTANCE, Optional.empty(), Optional.empty());
  }
}
