package io.mcpbridge.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of asynchronous work: running one revision of a simulation.
 *
 * @param id job id
 * @param owner subject of the principal that submitted it
 * @param simulationId the simulation
 * @param revision the revision of the simulation's spec that runs
 * @param state current state
 * @param attempts attempts started so far
 * @param maxRetries retries allowed after retryable failures
 * @param timeout time limit of one attempt
 * @param createdAt submission time
 * @param updatedAt last change
 * @param cancelRequested true once cancellation was asked for
 * @param failure why it failed, timed out or was cancelled
 * @param resultId the stored result, once succeeded
 */
public record Job(
    JobId id,
    String owner,
    SimulationId simulationId,
    int revision,
    JobState state,
    int attempts,
    int maxRetries,
    Duration timeout,
    Instant createdAt,
    Instant updatedAt,
    boolean cancelRequested,
    Optional<JobFailure> failure,
    Optional<ResultId> resultId) {
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(simulationId, "simulationId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(resultId, "resultId");
    if (revision < 1 || attempts < 0 || maxRetries < 0) {
      throw new IllegalArgumentException("revision >= 1, attempts >= 0, maxRetries >= 0");
    }
  }

  /** A new queued job. */
  public static Job queued(JobId id, String owner, SimulationId simulationId, int revision, int maxRetries,
      Duration timeout, Instant now) {
    return new Job(id, owner, simulationId, revision, JobState.QUEUED, 0, maxRetries, timeout, now, now,
        false, Optional.empty(), Optional.empty());
  }

  /** A copy in another state. */
  public Job withState(JobState newState, Instant now) {
    return new Job(id, owner, simulationId, revision, newState, attempts, maxRetries, timeout, createdAt, now,
        cancelRequested, failure, resultId);
  }

  /** A copy that has started one more attempt. */
  public Job startedAttempt(Instant now) {
    return new Job(id, owner, simulationId, revision, JobState.RUNNING, attempts + 1, maxRetries, timeout,
        createdAt, now, cancelRequested, failure, resultId);
  }

  /** A copy that records a failure in a terminal or queued (retry) state. */
  public Job withFailure(JobState newState, JobFailure why, Instant now) {
    return new Job(id, owner, simulationId, revision, newState, attempts, maxRetries, timeout, createdAt, now,
        cancelRequested, Optional.of(why), resultId);
  }

  /** A succeeded copy pointing at its result. */
  public Job succeeded(ResultId result, Instant now) {
    return new Job(id, owner, simulationId, revision, JobState.SUCCEEDED, attempts, maxRetries, timeout,
        createdAt, now, cancelRequested, Optional.empty(), Optional.of(result));
  }

  /** A copy with cancellation requested. */
  public Job withCancelRequested(Instant now) {
    return new Job(id, owner, simulationId, revision, state, attempts, maxRetries, timeout, createdAt, now,
        true, failure, resultId);
  }
}
