package io.mcpbridge.audit.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.audit.AuditCheckpoint;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads stored lines (records in core's canonical form, signed checkpoints) back. Strict: a
 * missing field or a value of the wrong type is an {@link IllegalArgumentException}, so a damaged
 * object is never half-read. Thread-safe.
 */
final class RecordLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordLines() {}

  /** The lines of an object body; every line must end in '\n'. */
  static List<String> split(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("object does not end with a newline");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.add(text.substring(start, i));
      start = i + 1;
    }
    return lines;
  }

  static AuditRecord record(String line) {
    JsonNode n = tree(line);
    JsonNode id = object(n, AuditRecordForm.IDENTITY);
    List<String> roles = new ArrayList<>();
    JsonNode array = id.get("roles");
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("identity.roles must be an array");
    }
    array.forEach(r -> roles.add(string(r, "roles")));
    JsonNode service = id.get("serviceAccount");
    if (service == null || !service.isBoolean()) {
      throw new IllegalArgumentException("identity.serviceAccount must be a boolean");
    }
    AuditIdentity identity = new AuditIdentity(text(id, "subject"), roles, optional(id, "tokenId"),
        optional(id, "issuer"), service.booleanValue(), text(id, "method"));
    Map<String, String> summary = new TreeMap<>();
    object(n, AuditRecordForm.SUMMARY).fields().forEachRemaining(e -> summary.put(e.getKey(), string(e.getValue(), e.getKey())));
    AuditEvent event = new AuditEvent(text(n, AuditRecordForm.EVENT_ID), instant(text(n, AuditRecordForm.TIMESTAMP)),
        text(n, AuditRecordForm.EVENT_TYPE), text(n, AuditRecordForm.CORRELATION_ID), identity, summary,
        optional(n, AuditRecordForm.REQUEST_SHA256), optional(n, AuditRecordForm.RESPONSE_SHA256),
        text(n, AuditRecordForm.STATUS), integer(n, AuditRecordForm.DURATION_MILLIS), optional(n, AuditRecordForm.JOB_ID));
    return new AuditRecord(event, integer(n, AuditRecordForm.SEQUENCE), text(n, AuditRecordForm.PREVIOUS_HASH),
        text(n, AuditRecordForm.HASH));
  }

  static SignedCheckpoint checkpoint(String line) {
    JsonNode n = tree(line);
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

  private static JsonNode tree(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new IllegalArgumentException(field + " must be an object");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return string(v, field);
  }

  private static String string(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.textValue();
  }

  private static Optional<String> optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null ? Optional.empty() : Optional.of(string(v, field));
  }

  private static long integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return v.longValue();
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 instant: " + text, e);
    }
  }
}
