package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;

/**
 * What a broker-backed job backend knows about one job, for reconciling the registry (the source
 * of truth) with the broker (the transport). Thread-safe.
 *
 * <p>Both methods throw {@link io.mcpbridge.core.error.BackendUnavailableException} when the
 * broker cannot be asked; reconciliation then waits for the next round.
 */
public interface BrokerJobState {

  /** True if a message of the job waits in the broker (also a delayed retry). */
  boolean hasWaitingMessage(JobId id);

  /** True if a live worker holds the job now (its lease has not expired). */
  boolean isLeased(JobId id);

  /**
   * True once the reports workers sent before this process started have been recorded. Until
   * then the registry lags behind the workers (after an API restart, results produced while it
   * was down still wait in the broker), so a job without a message or a lease is not yet lost.
   */
  default boolean reportsCaughtUp() {
    return true;
  }
}
