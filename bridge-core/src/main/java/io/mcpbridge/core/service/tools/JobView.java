package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.ResultId;
import java.time.Instant;
import java.util.Optional;

/** A job as tools report it. */
public record JobView(
    String jobId,
    @Description("queued, running, succeeded, failed, cancelled or timed_out.") String status,
    String simulationId,
    int revision,
    Instant submittedAt,
    Instant updatedAt,
    int attempts,
    int maxRetries,
    long timeoutSeconds,
    boolean cancelRequested,
    @Description("Present once succeeded: pass resultsId to get_simulation_results / calculate_pk_parameters (simulation jobs) or get_sensitivity_results (sensitivity jobs).") Optional<ResultHandle> resultHandle,
    @Description("Why it did not succeed, once failed, cancelled or timed out.") Optional<JobFailure> error) {

  /** Where a job's result is. */
  public record ResultHandle(String resultsId) {}

  static JobView of(Job job) {
    return new JobView(job.id().value(), job.state().wireName(), job.simulationId().value(), job.revision(),
        job.createdAt(), job.updatedAt(), job.attempts(), job.maxRetries(), job.timeout().toSeconds(),
        job.cancelRequested(), job.resultId().map(ResultId::value).map(ResultHandle::new), job.failure());
  }
}
