package io.mcpbridge.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}: liveness plus what is running where. */
final class HealthController {
  private final HttpSettings settings;
  private final Clock clock;
  private final Instant startedAt;

  HealthController(HttpSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** The body of {@code /health}. */
  record HealthView(String status, String service, String version, String environment, long uptimeSeconds, Instant time) {}

  void health(Context ctx) {
    Instant now = clock.instant();
    ctx.json(new HealthView("ok", settings.serviceName(), settings.version(), settings.environment(),
        Duration.between(startedAt, now).toSeconds(), now));
  }
}
