package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.AuditRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads stored audit lines — records in {@link AuditRecordForm} and signed checkpoints — back,
 * the same way for every store. Strict: a missing field or a value of the wrong type is an
 * {@link IllegalArgumentException}, so a damaged line is never half-read. Thread-safe.
 */
public final class AuditLines {
  private AuditLines() {}

  /** A record line. */
  public static AuditRecord record(String line) {
    Map<String, Object> n = object(JsonText.parse(line), "line");
    Map<String, Object> id = object(n.get(AuditRecordForm.IDENTITY), AuditRecordForm.IDENTITY);
    List<String> roles = new ArrayList<>();
    if (!(id.get("roles") instanceof List<?> array)) {
      throw new IllegalArgumentException("identity.roles must be an array");
    }
    array.forEach(r -> roles.add(string(r, "roles")));
    if (!(id.get("serviceAccount") instanceof Boolean serviceAccount)) {
      throw new IllegalArgumentException("identity.serviceAccount must be a boolean");
    }
    AuditIdentity identity = new AuditIdentity(text(id, "subject"), roles, optional(id, "tokenId"),
        optional(id, "issuer"), serviceAccount, text(id, "method"));
    Map<String, String> summary = new TreeMap<>();
    object(n.get(AuditRecordForm.SUMMARY), AuditRecordForm.SUMMARY)
        .forEach((key, value) -> summary.put(key, string(value, key)));
    AuditEvent event = new AuditEvent(text(n, AuditRecordForm.EVENT_ID), instant(text(n, AuditRecordForm.TIMESTAMP)),
        text(n, AuditRecordForm.EVENT_TYPE), text(n, AuditRecordForm.CORRELATION_ID), identity, summary,
        optional(n, AuditRecordForm.REQUEST_SHA256), optional(n, AuditRecordForm.RESPONSE_SHA256),
        text(n, AuditRecordForm.STATUS), integer(n, AuditRecordForm.DURATION_MILLIS), optional(n, AuditRecordForm.JOB_ID));
    return new AuditRecord(event, integer(n, AuditRecordForm.SEQUENCE), text(n, AuditRecordForm.PREVIOUS_HASH),
        text(n, AuditRecordForm.HASH));
  }

  /** A signed checkpoint line. */
  public static SignedCheckpoint checkpoint(String line) {
    Map<String, Object> n = object(JsonText.parse(line), "line");
    if (!AuditCheckpoint.TYPE.equals(text(n, "type"))) {
      throw new IllegalArgumentException("not a checkpoint");
    }
    AuditCheckpoint.Kind kind;
    try {
      kind = AuditCheckpoint.Kind.fromWire(text(n, "kind"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown checkpoint kind", e);
    }
    return new SignedCheckpoint(new AuditCheckpoint(integer(n, "sequence"), text(n, "headHash"),
        instant(text(n, "time")), kind), text(n, "signature"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String field) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(field + " must be an object");
    }
    return (Map<String, Object>) value;
  }

  private static String text(Map<String, Object> n, String field) {
    if (!n.containsKey(field)) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return string(n.get(field), field);
  }

  private static String string(Object value, String field) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return s;
  }

  private static Optional<String> optional(Map<String, Object> n, String field) {
    return n.containsKey(field) ? Optional.of(string(n.get(field), field)) : Optional.empty();
  }

  private static long integer(Map<String, Object> n, String field) {
    if (!(n.get(field) instanceof Long value)) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return value;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 instant: " + text, e);
    }
  }
}
