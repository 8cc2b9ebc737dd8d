package io.mcpbridge.testkit;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builders of audit events for tests. */
public final class AuditEvents {
  private AuditEvents() {}

  /** A tool event with the given type, correlation id and time. */
  public static AuditEvent event(String type, String correlationId, Instant at) {
    return new AuditEvent(UUID.randomUUID().toString(), at, type, correlationId,
        new AuditIdentity("alice", List.of("operator"), Optional.of("token-1"), Optional.of("https://idp.example.org"), false, "oidc"),
        Map.of("tool", "run_simulation", "simulationId", "sim-1"), Optional.of("a".repeat(64)), Optional.of("b".repeat(64)),
        "ok", 42, Optional.of("job-" + correlationId));
  }

  /** A tool event at the given time with a unique correlation id. */
  public static AuditEvent toolEvent(Instant at) {
    return event("tool.run_simulation", UUID.randomUUID().toString(), at);
  }
}
