package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Something that happened and must be accounted for. Never carries raw secrets or bodies: only
 * a short summary and SHA-256 digests of request and response.
 *
 * @param eventId unique id (UUID)
 * @param timestamp when it happened
 * @param eventType dotted type: {@code tool.*}, {@code job.*}, {@code auth.*}, {@code system.*}
 * @param correlationId the request's correlation id (or a generated one)
 * @param identity who acted
 * @param summary small, non-secret key facts (tool name, simulation id, parameter path …)
 * @param requestSha256 digest of the request body, if any
 * @param responseSha256 digest of the response body, if any
 * @param status outcome, e.g. {@code ok}, {@code refused}, {@code failed}, or a job state
 * @param durationMillis how long the action took
 * @param jobId the job concerned, if any
 */
public record AuditEvent(
    String eventId,
    Instant timestamp,
    String eventType,
    String correlationId,
    AuditIdentity identity,
    Map<String, String> summary,
    Optional<String> requestSha256,
    Optional<String> responseSha256,
    String status,
    long durationMillis,
    Optional<String> jobId) {
  public AuditEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(eventType, "eventType");
    if (!eventType.matches("(tool|job|auth|system)\\.[a-z0-9_.]+")) {
      throw new IllegalArgumentException("event type must be tool.*, job.*, auth.* or system.*: " + eventType);
    }
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(identity, "identity");
    summary = java.util.Collections.unmodifiableMap(new TreeMap<>(summary));
    Objects.requireNonNull(requestSha256, "requestSha256");
    Objects.requireNonNull(responseSha256, "responseSha256");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(jobId, "jobId");
  }
}
