package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** {@code cancel_job}: stop a queued or running job; no result is published for it. */
public final class CancelJobTool implements Tool<CancelJobTool.Input, CancelJobTool.Output> {

  /** Input of cancel_job. */
  public record Input(@Description("Job id.") String jobId) {}

  /** Output of cancel_job. */
  public record Output(
      String jobId,
      @Description("cancelled if it was queued; running until the solver stops at its next step; unchanged if already finished.") String status,
      boolean cancelRequested) {}

  private final JobRegistry registry;
  private final JobBackend backend;
  private final Clock clock;

  public CancelJobTool(JobRegistry registry, JobBackend backend, Clock clock) {
    this.registry = registry;
    this.backend = backend;
    this.clock = clock;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("cancel_job", "Cancel job",
        "Cancel a queued or running job. A running solve stops within a few solver steps; finished jobs are unchanged.",
        Role.OPERATOR, false, false, true, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = registry.findJob(SimulationIds.job(input.jobId()))
          .orElseThrow(() -> new NotFoundException("no job " + input.jobId()));
      if (job.state().isTerminal()) {
        return new Output(job.id().value(), job.state().wireName(), job.cancelRequested());
      }
      Instant now = clock.instant();
      Job requested = job.withCancelRequested(now);
      if (job.state() == JobState.QUEUED) {
        Job cancelled = requested.withFailure(JobState.CANCELLED,
            new JobFailure("Cancelled", "cancelled by " + context.principal().subject() + " before it started", false), now);
        if (registry.updateJob(cancelled, Set.of(JobState.QUEUED), Optional.of("cancelled before start"))) {
          backend.cancel(job.id());
          return new Output(job.id().value(), JobState.CANCELLED.wireName(), true);
        }
      } else if (registry.updateJob(requested, Set.of(JobState.RUNNING), Optional.of("cancellation requested"))) {
        backend.cancel(job.id());
        return new Output(job.id().value(), JobState.RUNNING.wireName(), true);
      }
      // The job moved on between read and write: look again.
    }
    throw new io.mcpbridge.core.error.ConflictException("job " + input.jobId() + " changed state repeatedly; try again");
  }
}
