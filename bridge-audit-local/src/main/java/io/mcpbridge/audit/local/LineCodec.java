package io.mcpbridge.audit.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.audit.AuditCheckpoint;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.SignedCheckpoint;
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
 * Reads stored lines back into records and checkpoints. Strict: a missing field or a value of the
 * wrong type is an {@link IllegalArgumentException}, so a damaged line is never half-read.
 */
final class LineCodec {
  private final ObjectMapper mapper = new ObjectMapper();

  AuditRecord record(String line) {
    JsonNode n = tree(line);
    AuditIdentity identity = identity(object(n, AuditRecordForm.IDENTITY));
    Map<String, String> summary = new TreeMap<>();
    object(n, AuditRecordForm.SUMMARY).fields().forEachRemaining(e -> summary.put(e.getKey(), textValue(e.getValue(), e.getKey())));
    AuditEvent event = new AuditEvent(text(n, AuditRecordForm.EVENT_ID), instant(text(n, AuditRecordForm.TIMESTAMP)),
          text(n, AuditRecordForm.EVENT_TYPE), text(n, AuditRecordForm.CORRELATION_ID), identity, summary,
          optionalText(n, AuditRecordForm.REQUEST_SHA256), optionalText(n, AuditRecordForm.RESPONSE_SHA256),
          text(n, AuditRecordForm.STATUS), number(n, AuditRecordForm.DURATION_MILLIS), optionalText(n, AuditRecordForm.JOB_ID));
    return new AuditRecord(event, number(n, AuditRecordForm.SEQUENCE), text(n, AuditRecordForm.PREVIOUS_HASH),
        text(n, AuditRecordForm.HASH));
  }

  SignedCheckpoint checkpoint(String line) {
    JsonNode n = tree(line);
    if (!AuditCheckpoint.TYPE.equals(text(n, "type"))) {
      throw new IllegalArgumentException("not a checkpoint line");
    }
    AuditCheckpoint.Kind kind;
    try {
      kind = AuditCheckpoint.Kind.fromWire(text(n, "kind"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown checkpoint kind", e);
    }
    return new SignedCheckpoint(new AuditCheckpoint(number(n, "sequence"), text(n, "headHash"),
        instant(text(n, "time")), kind), text(n, "signature"));
  }

  private JsonNode tree(String line) {
    try {
      JsonNode n = mapper.readTree(line);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static AuditIdentity identity(JsonNode n) {
    List<String> roles = new ArrayList<>();
    JsonNode array = n.get("roles");
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("identity.roles must be an array");
    }
    array.forEach(r -> roles.add(textValue(r, "roles")));
    JsonNode service = n.get("serviceAccount");
    if (service == null || !service.isBoolean()) {
      throw new IllegalArgumentException("identity.serviceAccount must be a boolean");
    }
    return new AuditIdentity(text(n, "subject"), roles, optionalText(n, "tokenId"), optionalText(n, "issuer"),
        service.booleanValue(), text(n, "method"));
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
    return textValue(v, field);
  }

  private static String textValue(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.textValue();
  }

  private static Optional<String> optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null ? Optional.empty() : Optional.of(textValue(v, field));
  }

  private static long number(JsonNode n, String field) {
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
