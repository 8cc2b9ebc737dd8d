package io.mcpbridge.mcp;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.JobRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a job's progress to a client that asked for it (a progress token, either protocol era):
 * follows the job through {@link JobFollower} and reports solver progress as simulated time of end
 * time. Progress only ever increases. When the job ends, a last notification says it is complete
 * (end time of end time; 1 of 1 for a run too short to have reported solver progress), so a client
 * always hears the end.
 */
final class JobProgressRelay {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgressRelay.class);
  /** How often a wait for events looks whether the client cancelled the request. */
  private static final Duration CANCEL_CHECK = Duration.ofMillis(500);

  private final JobRegistry jobs;
  private final JobFollower follower;
  private final Duration maxFollow;

  JobProgressRelay(JobRegistry jobs, JobFollower follower, Duration maxFollow) {
    this.jobs = jobs;
    this.follower = follower;
    this.maxFollow = maxFollow;
  }

  /** Blocks until the job ends, the exchange is cancelled or the follow limit passes; returns the job then. */
  Optional<Job> follow(JobId id, Exchange exchange) {
    long deadline = System.nanoTime() + maxFollow.toNanos();
    long after = 0;
    double reported = -1;
    double endTime = -1;
    try {
      while (!exchange.cancelled()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        for (JobEvent e : follower.await(id, after, Duration.ofNanos(Math.min(left, CANCEL_CHECK.toNanos())))) {
          after = e.sequence();
          if (e.progress().isPresent()) {
            JobEvent.Progress p = e.progress().get();
            endTime = p.endTime();
            if (p.simulatedTime() > reported) {
              reported = p.simulatedTime();
              exchange.progress(p.simulatedTime(), p.endTime(), e.state().wireName());
            }
          }
          if (JobFollower.isTerminal(e)) {
            double total = endTime > 0 ? endTime : 1;
            if (reported < total) {
              exchange.progress(total, total, e.state().wireName());
            }
            return jobs.findJob(id);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("following job {} stopped: {}", id, e.getMessage());
    }
    return jobs.findJob(id);
  }
}
