package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The work of a job kind whose request is stored with the job in the registry and whose output is
 * one text document stored back as the job's result (local sensitivity: OSP's sensitivity CSV;
 * global sensitivity: the indices' CSV). Because the request lives in the registry, every runner
 * can run such a job.
 */
final class StoredRequestJobWork implements JobWork {

  /** Runs one analysis of a simulation from its stored request body. */
  @FunctionalInterface
  interface Analysis {
    /**
     * @param simulation the simulation revision the job was submitted for
     * @param body the stored request (the kind's own JSON)
     * @param control cancellation, deadline and progress
     * @return the output document
     */
    String run(SimulationSpec simulation, String body, RunControl control);
  }

  private final JobRegistry registry;
  private final JobKind kind;
  private final Analysis analysis;
  private final Clock clock;

  StoredRequestJobWork(JobRegistry registry, JobKind kind, Analysis analysis, Clock clock) {
    this.registry = registry;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.analysis = analysis;
    this.clock = clock;
  }

  @Override
  public boolean claims(JobId job) {
    return request(job).isPresent();
  }

  @Override
  public ResultId run(Job running, StoredSimulation simulation, RunControl control) {
    JobRequest request = request(running.id()).orElseThrow();
    String output = analysis.run(simulation.spec(), request.body(), control);
    ResultId resultId = ResultId.random();
    registry.saveJobOutput(new JobOutput(resultId, running.id(), kind, output, clock.instant()));
    return resultId;
  }

  private Optional<JobRequest> request(JobId job) {
    return registry.findJobRequest(job).filter(r -> r.kind() == kind);
  }
}
