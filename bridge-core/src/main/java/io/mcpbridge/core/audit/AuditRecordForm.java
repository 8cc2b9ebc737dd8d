package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.AuditRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of an audit record: which fields exist and how they are named. The hash covers
 * {@link #content} (event fields, sequence and previous hash); the stored line is the same object
 * plus {@code hash}. Absent optional fields are left out rather than written as {@code null}.
 */
public final class AuditRecordForm {
  /** Field names as stored. */
  public static final String EVENT_ID = "eventId";
  public static final String TIMESTAMP = "timestamp";
  public static final String EVENT_TYPE = "eventType";
  public static final String CORRELATION_ID = "correlationId";
  public static final String IDENTITY = "identity";
  public static final String SUMMARY = "summary";
  public static final String REQUEST_SHA256 = "requestSha256";
  public static final String RESPONSE_SHA256 = "responseSha256";
  public static final String STATUS = "status";
  public static final String DURATION_MILLIS = "durationMillis";
  public static final String JOB_ID = "jobId";
  public static final String SEQUENCE = "sequence";
  public static final String PREVIOUS_HASH = "previousHash";
  public static final String HASH = "hash";

  private AuditRecordForm() {}

  /** The hashed content: every event field, the sequence and the previous hash. */
  public static Map<String, Object> content(AuditEvent event, long sequence, String previousHash) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(EVENT_ID, event.eventId());
    m.put(TIMESTAMP, event.timestamp().toString());
    m.put(EVENT_TYPE, event.eventType());
    m.put(CORRELATION_ID, event.correlationId());
    m.put(IDENTITY, identity(event.identity()));
    m.put(SUMMARY, event.summary());
    event.requestSha256().ifPresent(v -> m.put(REQUEST_SHA256, v));
    event.responseSha256().ifPresent(v -> m.put(RESPONSE_SHA256, v));
    m.put(STATUS, event.status());
    m.put(DURATION_MILLIS, event.durationMillis());
    event.jobId().ifPresent(v -> m.put(JOB_ID, v));
    m.put(SEQUENCE, sequence);
    m.put(PREVIOUS_HASH, previousHash);
    return m;
  }

  private static Map<String, Object> identity(AuditIdentity id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", id.subject());
    m.put("roles", id.roles());
    id.tokenId().ifPresent(v -> m.put("tokenId", v));
    id.issuer().ifPresent(v -> m.put("issuer", v));
    m.put("serviceAccount", id.serviceAccount());
    m.put("method", id.method());
    return m;
  }

  /** The stored line of a record (canonical JSON, no line terminator). */
  public static String line(AuditRecord record) {
    Map<String, Object> m = content(record.event(), record.sequence(), record.previousHash());
    m.put(HASH, record.hash());
    return CanonicalJson.write(m);
  }
}
