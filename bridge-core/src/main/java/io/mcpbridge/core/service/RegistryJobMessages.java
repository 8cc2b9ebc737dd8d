package io.mcpbridge.core.service;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobRegistry;
import java.util.Optional;

/**
 * Builds job messages from the registry: the job's stored spec revision, its next attempt number
 * and time limit. The correlation id is derived from the job id, so every process logs the same one.
 */
public final class RegistryJobMessages implements JobMessageSource {
  private final JobRegistry registry;

  public RegistryJobMessages(JobRegistry registry) {
    this.registry = registry;
  }

  @Override
  public JobMessage nextAttempt(JobId id) {
    Job job = registry.findJob(id).orElseThrow(() -> new NotFoundException("no job " + id));
    StoredSimulation sim = registry.findSimulation(job.simulationId(), job.revision())
        .orElseThrow(() -> new NotFoundException("simulation " + job.simulationId() + " revision " + job.revision()
            + " of job " + id + " no longer exists"));
    return new JobMessage(id, job.attempts() + 1, sim.id(), sim.revision(), sim.spec(), job.timeout(),
        "job-" + id.value(), Optional.empty());
  }
}
