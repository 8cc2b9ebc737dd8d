package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * What a job other than a plain simulation run should do, stored with the job so that any worker,
 * after any restart, runs the same thing.
 *
 * @param kind what the job computes
 * @param body the request in the kind's own text encoding (e.g. {@code SensitivityJobCodec})
 */
public record JobRequest(JobKind kind, String body) {
  public JobRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
  }
}
