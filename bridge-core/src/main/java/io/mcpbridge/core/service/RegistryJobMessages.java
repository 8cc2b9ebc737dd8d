package io.mcpbridge.core.service;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Builds job messages from the registry: the job's stored spec revision, its next attempt number
 * and time limit, split into chunk messages for the kinds of jobs that run in chunks. The correlation id is derived from the job id, so every process logs the same one.
 */
public final class RegistryJobMessages implements JobMessageSource {
  private final JobRegistry registry;
  private final List<ChunkedWork> chunked;

  public RegistryJobMessages(JobRegistry registry) {
    this(registry, List.of());
  }

  /**
   * @param chunked the kinds of jobs that are split into chunks, asked in order
   */
  public RegistryJobMessages(JobRegistry registry, List<ChunkedWork> chunked) {
    this.registry = registry;
    this.chunked = List.copyOf(chunked);
  }

  @Override
  public List<JobMessage> nextAttemptMessages(JobId id) {
    JobMessage whole = nextAttempt(id);
    for (ChunkedWork kind : chunked) {
      Optional<List<JobMessage>> chunks = kind.split(whole);
      if (chunks.isPresent()) {
        return chunks.get();
      }
    }
    return List.of(whole);
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
