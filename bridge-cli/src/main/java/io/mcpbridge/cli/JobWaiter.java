package io.mcpbridge.cli;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.JobRegistry;
import java.io.PrintWriter;
import java.time.Duration;

/** Waits in-process for a job to finish, reporting progress and the outcome on stderr. */
final class JobWaiter {
  /** How long one wait for events lasts; the loop only ends with the job. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private JobWaiter() {}

  static Job awaitTerminal(JobFollower follower, JobRegistry registry, String jobId, PrintWriter err)
      throws InterruptedException {
    JobId id = new JobId(jobId);
    long seen = 0;
    while (true) {
      for (JobEvent e : follower.await(id, seen, WAIT)) {
        seen = e.sequence();
        e.progress().ifPresent(p -> err.printf("\rjob %s: %.0f / %.0f min", jobId, p.simulatedTime(), p.endTime()));
        if (JobFollower.isTerminal(e)) {
          return finished(registry.findJob(id).orElseThrow(), jobId, err);
        }
      }
      err.flush();
    }
  }

  private static Job finished(Job job, String jobId, PrintWriter err) {
    err.printf("%njob %s %s%s%n", jobId, job.state().wireName(),
        job.resultId().map(r -> "; resultsId " + r.value()).orElse(job.failure().map(f -> ": " + f.message()).orElse("")));
    err.flush();
    if (job.state() != JobState.SUCCEEDED) {
      throw new io.mcpbridge.core.error.InteropException("job " + jobId + " ended " + job.state().wireName());
    }
    return job;
  }
}
