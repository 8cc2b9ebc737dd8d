package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;

/** The meaning of an {@link AuditQuery}'s filters, shared by every sink. */
public final class AuditQueries {
  private AuditQueries() {}

  /** True if the record passes every filter of the query (paging by sequence included). */
  public static boolean matches(AuditQuery query, AuditRecord record) {
    if (record.sequence() <= query.afterSequence()) {
      return false;
    }
    if (query.eventTypePrefix().isPresent() && !record.event().eventType().startsWith(query.eventTypePrefix().get())) {
      return false;
    }
    if (query.correlationId().isPresent() && !record.event().correlationId().equals(query.correlationId().get())) {
      return false;
    }
    if (query.from().isPresent() && record.event().timestamp().isBefore(query.from().get())) {
      return false;
    }
    return query.to().isEmpty() || record.event().timestamp().isBefore(query.to().get());
  }
}
