package io.mcpbridge.cli;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import java.io.PrintWriter;
import java.util.List;

/** Waits in-process for a job to finish, reporting progress and the outcome on stderr. */
final class JobWaiter {
  private static final long POLL_MILLIS = 100;

  private JobWaiter() {}

  static Job awaitTerminal(BridgeRuntime runtime, String jobId, PrintWriter err) throws InterruptedException {
    JobId id = new JobId(jobId);
    long seen = 0;
    while (true) {
      List<JobEvent> events = runtime.registry.events(id, seen);
      for (JobEvent e : events) {
        seen = e.sequence();
        e.progress().ifPresent(p -> err.printf("\rjob %s: %.0f / %.0f min", jobId, p.simulatedTime(), p.endTime()));
      }
      Job job = runtime.registry.findJob(id).orElseThrow();
      if (job.state().isTerminal()) {
        err.printf("%njob %s %s%s%n", jobId, job.state().wireName(),
            job.resultId().map(r -> "; resultsId " + r.value()).orElse(job.failure().map(f -> ": " + f.message()).orElse("")));
        err.flush();
        if (job.state() != JobState.SUCCEEDED) {
          throw new io.mcpbridge.core.error.InteropException("job " + jobId + " ended " + job.state().wireName());
        }
        return job;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
