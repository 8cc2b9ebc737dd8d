package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.WorkerReport;
import java.util.function.Consumer;

/**
 * What a worker process runs for each job message it takes from a broker: resolve and verify the
 * model, run the engine, and report the outcome. Supplied by the core; called on worker threads.
 */
@FunctionalInterface
public interface RemoteJobHandler {

  /**
   * Runs one attempt. Never throws: every outcome, including a refused model, is reported through
   * {@code reports}, which ends with exactly one report whose kind ends the attempt.
   *
   * @param message the attempt
   * @param control cancellation and deadline of this attempt
   * @param reports receives started, progress and final reports, in order
   */
  void run(JobMessage message, RunControl control, Consumer<WorkerReport> reports);
}
