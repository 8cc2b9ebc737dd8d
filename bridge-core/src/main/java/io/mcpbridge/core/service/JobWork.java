package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.RunControl;

/**
 * A kind of job other than a single simulation run (e.g. a population). {@link JobRunner} keeps the
 * job's life cycle (states, retries, cancellation, audit) and hands the work of a claimed job to its
 * kind.
 */
public interface JobWork {
  /** True if {@code job} is of this kind. */
  boolean claims(JobId job);

  /**
   * Does one attempt of the work.
   *
   * @param running the job, in state running
   * @param simulation the simulation revision the job runs
   * @param control cancellation, deadline and progress of the attempt
   * @return the id the results are found under
   * @throws io.mcpbridge.core.error.BridgeException as {@link io.mcpbridge.core.port.SimulationEngine#run} does
   */
  ResultId run(Job running, StoredSimulation simulation, RunControl control);
}
