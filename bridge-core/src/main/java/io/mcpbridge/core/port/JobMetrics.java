package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobState;
import java.time.Duration;

/**
 * What is measured about jobs, whichever backend runs them. Implementations are thread-safe,
 * cheap and never throw. Every method does nothing by default.
 */
public interface JobMetrics {

  /** A new job was accepted (idempotent replays of an earlier submission are not counted). */
  default void submitted() {}

  /**
   * An attempt of a job started running.
   *
   * @param queueWait time the job waited since it was (re)queued, backoff included
   */
  default void started(Duration queueWait) {}

  /**
   * A job reached a terminal state.
   *
   * @param state the terminal state
   * @param reason the failure code ({@code none} for success): a bounded set of wire codes
   * @param runTime time of the last attempt, from its start to the terminal state
   */
  default void finished(JobState state, String reason, Duration runTime) {}

  /**
   * A failed attempt was queued again for a retry.
   *
   * @param reason the failure code of the attempt
   */
  default void retried(String reason) {}

  /** A job message was moved to the dead-letter queue (queue backend). */
  default void deadLettered() {}

  /**
   * Registers where the number of jobs per state is read at scrape time.
   *
   * @param counts how many jobs are in a state now
   */
  default void observe(JobCounts counts) {}

  /** How many jobs are in a state now. */
  @FunctionalInterface
  interface JobCounts {
    /**
     * @param state queued or running
     * @return the number of jobs in that state
     */
    long count(JobState state);
  }
}
