package io.mcpbridge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A result as kept by the registry.
 *
 * @param id result id
 * @param jobId the job that produced it
 * @param simulationId the simulation
 * @param revision the revision that ran
 * @param result the series
 * @param createdAt when
 */
public record StoredResult(ResultId id, JobId jobId, SimulationId simulationId, int revision, SimulationResult result,
    Instant createdAt) {
  public StoredResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(simulationId, "simulationId");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
