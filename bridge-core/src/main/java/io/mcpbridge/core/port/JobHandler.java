package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;

/**
 * What a job backend runs for each job. Supplied by the core (it loads the spec, runs the engine,
 * records transitions and the result); called on a worker thread.
 */
@FunctionalInterface
public interface JobHandler {

  /**
   * Runs one attempt of a job. Never throws: outcomes are recorded in the registry.
   *
   * @param id the job
   * @param control cancellation and deadline of this attempt, to pass to the engine
   */
  void handle(JobId id, RunControl control);
}
