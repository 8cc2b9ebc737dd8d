package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.WorkerReport;
import java.util.List;
import java.util.Optional;

/**
 * A kind of job that the queue backend splits into chunks run by several workers and gathered by
 * the API (populations). The API side of the chunk protocol; {@link WorkerJobExecutor} runs the
 * chunks. Broker backends only carry the messages and reports, so every broker gets chunking from
 * this interface. Implementations are thread-safe.
 */
public interface ChunkedWork {

  /**
   * The chunk messages of an attempt, each self-contained (its slice of the job's input with it),
   * or empty if the job is not of this kind.
   *
   * @param whole the attempt's message as a job that runs whole
   * @throws io.mcpbridge.core.error.BridgeException if the job's stored input cannot be read
   */
  Optional<List<JobMessage>> split(JobMessage whole);

  /** True if {@code job} is of this kind (its reports are gathered here). */
  boolean claims(JobId job);

  /** The job's progress after a progress or success report of one of its chunks. */
  JobEvent.Progress progress(Job running, WorkerReport report);

  /**
   * Keeps the output of a succeeded chunk (idempotent: a chunk reported twice is kept once) and,
   * once every chunk of the attempt is in, writes and publishes the job's results.
   *
   * @param running the job, running the report's attempt
   * @return true once the results are published (the job may succeed)
   * @throws io.mcpbridge.core.error.InvalidInputException if the chunks contradict the job (the
   *     job fails; nothing is published)
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the files cannot be written
   *     (the report is recorded again later)
   */
  boolean gather(Job running, WorkerReport report);

  /** Forgets what was kept for a job that ended (its chunk outputs, its progress). */
  void ended(JobId job);
}
