package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a job other than a plain simulation run, found by the job's result id.
 *
 * @param id the result id the job points to
 * @param jobId the job that produced it
 * @param kind what the job computed
 * @param content the result in the kind's own text format (e.g. OSP's sensitivity CSV)
 * @param createdAt when it was stored
 */
public record JobOutput(ResultId id, JobId jobId, JobKind kind, String content, Instant createdAt) {
  public JobOutput {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
