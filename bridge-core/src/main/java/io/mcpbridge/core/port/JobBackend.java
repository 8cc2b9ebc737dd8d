package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;
import java.time.Duration;

/**
 * Executes jobs: in-process threads or remote workers. Thread-safe. The backend owns scheduling,
 * concurrency, per-attempt deadlines and cancellation signals; the {@link JobHandler} owns what
 * running a job means.
 */
public interface JobBackend extends AutoCloseable {

  /**
   * Starts executing submitted jobs with {@code handler}. Called once, before any submit.
   */
  void start(JobHandler handler);

  /**
   * Schedules an attempt of a job.
   *
   * @param id the job, already stored as queued
   * @param timeout the attempt's time limit, enforced through the {@link RunControl} deadline
   * @param delay how long to wait before starting (0 = as soon as a worker is free; retries back off)
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the job cannot be scheduled
   */
  void submit(JobId id, Duration timeout, Duration delay);

  /**
   * Asks a queued or running attempt to stop: a queued one never starts, a running one sees
   * cancellation at its next checkpoint. Unknown or finished jobs are ignored.
   */
  void cancel(JobId id);

  /**
   * Whether this backend runs every kind of job (simulations, populations, sensitivity analyses)
   * with the {@link JobHandler} given to {@link #start}. A backend whose remote workers run single
   * simulations only answers false, and the tools of other job kinds refuse instead of queueing work
   * no worker can do.
   */
  default boolean runsEveryJobKind() {
    return true;
  }

  /**
   * Whether this backend runs population jobs: in-process (a backend that runs every kind), or
   * split into chunks that remote workers run and the API gathers.
   */
  default boolean runsPopulations() {
    return runsEveryJobKind();
  }

  /** Stops accepting work and interrupts running attempts after a short grace period. */
  @Override
  void close();
}
