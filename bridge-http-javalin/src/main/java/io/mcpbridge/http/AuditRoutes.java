package io.mcpbridge.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.AuditSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /audit/events} (admin): the audit trail in chain order, filtered by {@code type}
 * (prefix, e.g. {@code tool.}), {@code correlationId}, {@code from}/{@code to} (ISO instant or
 * date), paged with {@code after} (a sequence number) and {@code limit} (1–1000, default 100).
 */
final class AuditRoutes {
  private static final int DEFAULT_LIMIT = 100;

  private final AuditSink audit;
  private final Authenticator authenticator;

  AuditRoutes(AuditSink audit, Authenticator authenticator) {
    this.audit = audit;
    this.authenticator = authenticator;
  }

  /** One page of the trail. */
  record Page(List<AuditRecord> events, Long nextAfter) {}

  void register(JavalinConfig config) {
    config.routes.get("/audit/events", this::events);
  }

  private void events(Context ctx) {
    Principal principal = authenticator.authenticate(ctx);
    if (!principal.has(Role.ADMIN)) {
      throw new ForbiddenException("reading the audit trail requires the admin role");
    }
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit must be 1-1000");
    }
    long after = intParam(ctx, "after", 0);
    AuditQuery query = new AuditQuery(Optional.ofNullable(ctx.queryParam("type")),
        Optional.ofNullable(ctx.queryParam("correlationId")), time(ctx, "from"), time(ctx, "to"), after, limit);
    List<AuditRecord> records = audit.query(query);
    Long next = records.size() == limit ? records.get(records.size() - 1).sequence() : null;
    ctx.json(new Page(records, next));
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be a whole number");
    }
  }

  private static Optional<Instant> time(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be an ISO date (2026-11-24) or instant (2026-11-24T10:00:00Z)");
    }
  }
}
