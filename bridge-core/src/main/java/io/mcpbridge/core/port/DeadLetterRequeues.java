package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;
import java.util.Objects;

/**
 * Puts a job whose message was dead-lettered back to work as a new attempt. Implemented in the
 * process that owns the registry and the audit trail; the broker carries operators' requests to it.
 */
public interface DeadLetterRequeues {

  /**
   * What became of one request.
   *
   * @param requeued true if the job is queued again
   * @param message what happened, for the operator (never a stack trace)
   */
  record Outcome(boolean requeued, String message) {
    public Outcome {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Moves the failed job back to queued (a compare-and-set: nothing changes unless it is failed
   * now), audits it and submits its next attempt.
   *
   * @param id the job
   * @param requestedBy who asked (user and host of the operator's command), for the audit trail
   * @return whether it was requeued, and why not
   */
  Outcome requeue(JobId id, String requestedBy);
}
