package io.mcpbridge.core.port;

import io.mcpbridge.core.model.RunStatistics;

/**
 * What is measured about simulation runs: how much integrator work they took and how often the
 * solver gave up. Implementations are thread-safe, cheap and never throw. Every method does nothing
 * by default.
 */
public interface EngineMetrics {

  /**
   * A run completed.
   *
   * @param statistics its step and evaluation counts
   */
  default void runCompleted(RunStatistics statistics) {}

  /**
   * A run ended in an error of the engine or the model (not a cancellation, not a timeout).
   *
   * @param reason the error's wire code
   */
  default void runFailed(String reason) {}
}
