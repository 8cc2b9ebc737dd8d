package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import java.util.List;
import java.util.Optional;

/** {@code get_job_status}: a job's state, progress and result handle. */
public final class GetJobStatusTool implements Tool<GetJobStatusTool.Input, GetJobStatusTool.Output> {

  /** Input of get_job_status. */
  public record Input(@Description("Job id from run_simulation.") String jobId) {}

  /** Output of get_job_status (the job's fields, plus the nested job for older clients). */
  public record Output(
      String jobId,
      String status,
      @Description("Latest solver progress: simulated minutes of the end time.") Optional<JobEvent.Progress> progress,
      Optional<JobView.ResultHandle> resultHandle,
      JobView job) {}

  private final JobRegistry registry;

  public GetJobStatusTool(JobRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_job_status", "Get job status",
        "Report a job's status (queued, running, succeeded, failed, cancelled, timed_out), its progress and, "
            + "once succeeded, the resultsId.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    Job job = registry.findJob(SimulationIds.job(input.jobId()))
        .orElseThrow(() -> new NotFoundException("no job " + input.jobId()));
    List<JobEvent> events = registry.events(job.id(), 0);
    Optional<JobEvent.Progress> progress = events.stream().filter(e -> e.progress().isPresent())
        .reduce((a, b) -> b).flatMap(JobEvent::progress);
    JobView view = JobView.of(job);
    return new Output(view.jobId(), view.status(), progress, view.resultHandle(), view);
  }
}
