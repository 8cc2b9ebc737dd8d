package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a job, in order. Sequence numbers are per job, start at 1, have no
 * gaps, and serve as SSE event ids for resumption.
 *
 * @param jobId the job
 * @param sequence position in the job's event stream
 * @param timestamp when
 * @param type {@code state} for transitions, {@code progress} for solver progress
 * @param state the job state after the event
 * @param progress simulated time / end time for progress events
 * @param message optional detail (failure reason, retry notice)
 */
public record JobEvent(
    JobId jobId,
    long sequence,
    Instant timestamp,
    Type type,
    JobState state,
    Optional<Progress> progress,
    Optional<String> message) {

  /** Kinds of job events. */
  public enum Type {
    STATE,
    PROGRESS
  }

  /**
   * Solver progress.
   *
   * @param simulatedTime minutes simulated so far
   * @param endTime minutes to simulate
   */
  public record Progress(double simulatedTime, double endTime) {}

  public JobEvent {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(message, "message");
  }
}
