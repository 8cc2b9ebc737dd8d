package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over the audit trail, newest last.
 *
 * @param eventTypePrefix only types starting with this (e.g. {@code tool.})
 * @param correlationId only this correlation id
 * @param from only events at or after
 * @param to only events before
 * @param afterSequence only records after this sequence (paging cursor; 0 = from the start)
 * @param limit at most this many records (1–1000)
 */
public record AuditQuery(
    Optional<String> eventTypePrefix,
    Optional<String> correlationId,
    Optional<Instant> from,
    Optional<Instant> to,
    long afterSequence,
    int limit) {
  public AuditQuery {
    Objects.requireNonNull(eventTypePrefix, "eventTypePrefix");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
  }
}
