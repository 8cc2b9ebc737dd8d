package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobs;
import java.time.Clock;
import java.util.Optional;

/**
 * The work of a global (Sobol or Morris) sensitivity job: its request is stored with the job in
 * the registry, its output (the indices' CSV) is stored back as the job's result.
 */
final class GlobalSensitivityJobWork implements JobWork {
  private final JobRegistry registry;
  private final GlobalSensitivityJobs jobs;
  private final Clock clock;

  GlobalSensitivityJobWork(JobRegistry registry, GlobalSensitivityJobs jobs, Clock clock) {
    this.registry = registry;
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public boolean claims(JobId job) {
    return request(job).isPresent();
  }

  @Override
  public ResultId run(Job running, StoredSimulation simulation, RunControl control) {
    JobRequest request = request(running.id()).orElseThrow();
    String csv = jobs.run(simulation.spec(), request.body(), control);
    ResultId resultId = ResultId.random();
    registry.saveJobOutput(new JobOutput(resultId, running.id(), JobKind.GLOBAL_SENSITIVITY, csv, clock.instant()));
    return resultId;
  }

  private Optional<JobRequest> request(JobId job) {
    return registry.findJobRequest(job).filter(r -> r.kind() == JobKind.GLOBAL_SENSITIVITY);
  }
}
