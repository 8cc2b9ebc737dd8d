package io.mcpbridge.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The Prometheus scrape endpoint.
 *
 * @param enabled whether metrics are collected and {@code /metrics} is served
 * @param port 0 = {@code /metrics} on the server's own port; otherwise a separate listener on
 *     {@code HOST} at this port (the only choice for a process without an HTTP server)
 * @param token bearer token {@code /metrics} requires, if any
 */
public record MetricsSettings(boolean enabled, int port, Optional<Secret> token) {
  public MetricsSettings {
    Objects.requireNonNull(token, "token");
  }
}
