package io.mcpbridge.core.port;

import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable record of simulations, jobs, their events, results and idempotency keys. Survives
 * restarts: whatever a method has returned from is persisted. Thread-safe.
 *
 * <p>Every method may throw {@link io.mcpbridge.core.error.BackendUnavailableException} when the
 * store cannot be reached or written.
 */
public interface JobRegistry extends AutoCloseable {

  /**
   * Stores a new revision of a simulation.
   *
   * @throws io.mcpbridge.core.error.ConflictException if that id and revision already exist
   */
  void saveSimulation(StoredSimulation simulation);

  /** The latest revision of a simulation, if it exists. */
  Optional<StoredSimulation> findSimulation(SimulationId id);

  /** One revision of a simulation, if it exists. */
  Optional<StoredSimulation> findSimulation(SimulationId id, int revision);

  /**
   * Stores a new job (with its first {@code state} event), or returns the job an idempotency key
   * already points to. Atomic: two concurrent submissions with the same key yield one job.
   *
   * @param job the new job, in state queued
   * @param key the caller's idempotency key, if any
   * @return the stored job: {@code job} itself, or the earlier job of the same owner and key
   * @throws io.mcpbridge.core.error.ConflictException if the key was used by the same owner with
   *     different arguments
   */
  Job createJob(Job job, Optional<IdempotencyKey> key);

  /**
   * Stores a new job with what it should do, atomically: no worker ever sees the job without its
   * request. Otherwise as {@link #createJob(Job, Optional)}; an earlier job of the same key is
   * returned with its own request untouched.
   *
   * @param request the job's kind and request
   */
  Job createJob(Job job, Optional<IdempotencyKey> key, JobRequest request);

  /** The request stored with a job; empty for a plain simulation run (or an unknown job). */
  Optional<JobRequest> findJobRequest(JobId id);

  /** A job, if it exists. */
  Optional<Job> findJob(JobId id);

  /**
   * Replaces a job if its current state is one of {@code expected} (compare-and-set), and appends
   * a {@code state} event when the state changes. A cancellation request already recorded is kept
   * even if {@code updated} does not carry it: a concurrent {@code cancel_job} is never lost.
   *
   * @return true if replaced; false if the job's state was not in {@code expected}
   * @throws io.mcpbridge.core.error.NotFoundException if the job does not exist
   */
  boolean updateJob(Job updated, Set<JobState> expected, Optional<String> message);

  /**
   * Appends a progress (or other non-transition) event.
   *
   * @return the event with its sequence number
   */
  JobEvent appendEvent(JobId id, JobEvent.Type type, JobState state, Optional<JobEvent.Progress> progress,
      Optional<String> message, Instant at);

  /** Events of a job with sequence greater than {@code afterSequence}, in order. */
  List<JobEvent> events(JobId id, long afterSequence);

  /** Jobs currently in one of the given states (for recovery after a restart). */
  List<Job> jobsInStates(Set<JobState> states);

  /**
   * The jobs one caller submitted, newest first (by submission time, then id descending).
   *
   * @param owner the submitting principal's subject ({@link Job#owner()})
   * @param limit at most this many jobs, 1 or more
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  List<Job> jobsOwnedBy(String owner, int limit);

  /** Stores a result. */
  void saveResult(StoredResult result);

  /** A result, if it exists. */
  Optional<StoredResult> findResult(ResultId id);

  /**
   * Stores the result of a job other than a simulation run.
   *
   * @throws io.mcpbridge.core.error.ConflictException if a result with its id exists
   */
  void saveJobOutput(JobOutput output);

  /** The result of a job other than a simulation run, if it exists. */
  Optional<JobOutput> findJobOutput(ResultId id);

  /**
   * Deletes terminal jobs (with their events, requests, results and outputs) and idempotency keys last updated
   * before {@code cutoff}.
   *
   * @return the number of jobs removed
   */
  int purgeFinishedBefore(Instant cutoff);

  @Override
  void close();
}
