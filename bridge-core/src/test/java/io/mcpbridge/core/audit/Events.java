package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixed events for the chain tests. */
final class Events {
  private Events() {}

  static AuditEvent event(int n) {
    return new AuditEvent("00000000-0000-4000-8000-" + String.format("%012d", n), Instant.parse("2026-03-01T10:15:30.123Z").plusSeconds(n),
        "tool.run_simulation", "corr-" + n,
        new AuditIdentity("alice", List.of("operator"), Optional.of("tok-1"), Optional.empty(), false, "oidc"),
        Map.of("simulationId", "sim-" + n, "tool", "run_simulation"), Optional.of("ab".repeat(32)), Optional.empty(),
        "ok", 12L + n, Optional.empty());
  }
}
