package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;

/**
 * Builds the self-contained message of a job's next attempt from the durable registry, for a
 * backend that hands jobs to other processes. Thread-safe.
 */
public interface JobMessageSource {

  /**
   * The message of the job's next attempt (its spec, attempt number and time limit).
   *
   * @throws io.mcpbridge.core.error.NotFoundException if the job or its simulation revision is gone
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the registry cannot be read
   */
  JobMessage nextAttempt(JobId id);

  /**
   * The messages that run the job's next attempt: one message for a job that runs whole, or one
   * per chunk for a job split across workers (all with the same job id and attempt). A backend
   * publishes all of them.
   *
   * @throws io.mcpbridge.core.error.NotFoundException if the job or its simulation revision is gone
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the registry cannot be read
   */
  default java.util.List<JobMessage> nextAttemptMessages(JobId id) {
    return java.util.List.of(nextAttempt(id));
  }
}
