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
import io.mcpbridge.core.sensitivity.SensitivityJobs;
import java.time.Clock;
import java.util.Optional;

/**
 * The work of a sensitivity-analysis job: its request is stored with the job in the registry, its
 * output (OSP's sensitivity CSV) is stored back as the job's result.
 */
final class SensitivityJobWork implements JobWork {
  private final JobRegistry registry;
  private final SensitivityJobs sensitivity;
  private final Clock clock;

  SensitivityJobWork(JobRegistry registry, SensitivityJobs sensitivity, Clock clock) {
    this.registry = registry;
    this.sensitivity = sensitivity;
    this.clock = clock;
  }

  @Override
  public boolean claims(JobId job) {
    return request(job).isPresent();
  }

  @Override
  public ResultId run(Job running, StoredSimulation simulation, RunControl control) {
    JobRequest request = request(running.id()).orElseThrow();
    String csv = sensitivity.run(simulation.spec(), request.body(), control);
    ResultId resultId = ResultId.random();
    registry.saveJobOutput(new JobOutput(resultId, running.id(), JobKind.SENSITIVITY, csv, clock.instant()));
    return resultId;
  }

  private Optional<JobRequest> request(JobId job) {
    return registry.findJobRequest(job).filter(r -> r.kind() == JobKind.SENSITIVITY);
  }
}
