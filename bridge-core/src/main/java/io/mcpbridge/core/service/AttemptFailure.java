package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobState;
import java.time.Duration;

/**
 * How an attempt that threw ends: cancelled, past its deadline, or failed (retryable or not), with
 * the reason recorded on the job. One mapping for attempts run in this process ({@link JobRunner})
 * and on a worker ({@link WorkerJobExecutor}), so a job ends the same way wherever it ran.
 *
 * @param state {@link JobState#CANCELLED}, {@link JobState#TIMED_OUT} or {@link JobState#FAILED}
 *     (a failure may still be retried when {@code failure.retryable()})
 * @param failure the reason recorded on the job
 * @param unexpected true for an exception no component meant to throw (a defect: log it with its stack)
 */
record AttemptFailure(JobState state, JobFailure failure, boolean unexpected) {

  /**
   * Classifies what an attempt threw.
   *
   * @param timeout the attempt's time limit, quoted in the reason of a timeout
   * @param where appended to the reason of an unexpected failure, e.g. {@code " on worker w1"}
   */
  static AttemptFailure of(RuntimeException thrown, Duration timeout, String where) {
    if (thrown instanceof RunCancelledException) {
      return new AttemptFailure(JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false), false);
    }
    if (thrown instanceof TimeoutException) {
      return new AttemptFailure(JobState.TIMED_OUT, new JobFailure(ErrorCode.TIMEOUT.wireName(),
          "exceeded its time limit of " + timeout.toSeconds() + " s", false), false);
    }
    if (thrown instanceof BridgeException e) {
      return new AttemptFailure(JobState.FAILED, new JobFailure(e.code().wireName(), e.getMessage(),
          e.code().retryable()), false);
    }
    return new AttemptFailure(JobState.FAILED, new JobFailure(ErrorCode.INTERNAL_ERROR.wireName(),
        "internal error while running" + where, false), true);
  }
}
