package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a restarted process pick up where the last one stopped: queued jobs are resubmitted;
 * jobs that were running are requeued within their retry budget or failed as
 * {@code interrupted}. Nothing stays running forever.
 */
public final class JobRecovery {
  private final JobRegistry registry;
  private final JobBackend backend;
  private final Clock clock;

  public JobRecovery(JobRegistry registry, JobBackend backend, Clock clock) {
    this.registry = registry;
    this.backend = backend;
    this.clock = clock;
  }

  /** Outcome of a recovery pass. */
  public record Report(int resubmitted, int requeued, int failed) {}

  /** Recovers every unfinished job. Call once at start-up, after the backend has started. */
  public Report recover() {
    int resubmitted = 0;
    int requeued = 0;
    int failed = 0;
    for (Job job : registry.jobsInStates(Set.of(JobState.QUEUED, JobState.RUNNING))) {
      if (job.state() == JobState.QUEUED) {
        backend.submit(job.id(), job.timeout(), Duration.ZERO);
        resubmitted++;
        continue;
      }
      JobFailure interrupted = new JobFailure("interrupted", "the process running this job stopped during attempt "
          + job.attempts(), true);
      if (job.cancelRequested()) {
        registry.updateJob(job.withFailure(JobState.CANCELLED, new JobFailure("Cancelled",
            "cancelled; the process stopped while it was running", false), clock.instant()),
            Set.of(JobState.RUNNING), Optional.of("cancelled during restart"));
        failed++;
      } else if (job.attempts() <= job.maxRetries()) {
        if (registry.updateJob(job.withFailure(JobState.QUEUED, interrupted, clock.instant()), Set.of(JobState.RUNNING),
            Optional.of("requeued after restart"))) {
          backend.submit(job.id(), job.timeout(), Duration.ZERO);
          requeued++;
        }
      } else if (registry.updateJob(job.withFailure(JobState.FAILED, interrupted, clock.instant()),
          Set.of(JobState.RUNNING), Optional.of("interrupted"))) {
        failed++;
      }
    }
    return new Report(resubmitted, requeued, failed);
  }
}
