package io.mcpbridge.http;

import io.javalin.http.Context;
import io.mcpbridge.core.port.AuditSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import io.mcpbridge.core.port.ComponentHealth;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: liveness plus what is running where. {@code status} is {@code ok}, or
 * {@code degraded} while a component cannot do its job (e.g. the audit trail cannot persist, so
 * mutating tools are refused); the HTTP status stays 200 because the process itself is alive.
 */
final class HealthController {
  private final HttpSettings settings;
  private final AuditSink audit;
  private final List<ComponentHealth> components;
  private final Clock clock;
  private final Instant startedAt;

  HealthController(HttpSettings settings, AuditSink audit, List<ComponentHealth> components, Clock clock) {
    this.settings = settings;
    this.audit = audit;
    this.components = List.copyOf(components);
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** The body of {@code /health}. */
  record HealthView(String status, String service, String version, String environment, long uptimeSeconds, Instant time,
      Map<String, String> components) {}

  void health(Context ctx) {
    Instant now = clock.instant();
    Map<String, String> components = new LinkedHashMap<>();
    components.put("audit", audit.healthy() ? "ok" : "failing");
    this.components.forEach(c -> components.putAll(c.states()));
    boolean degraded = components.values().stream().anyMatch(v -> !v.equals("ok"));
    ctx.json(new HealthView(degraded ? "degraded" : "ok", settings.serviceName(), settings.version(),
        settings.environment(), Duration.between(startedAt, now).toSeconds(), now, components));
  }
}
