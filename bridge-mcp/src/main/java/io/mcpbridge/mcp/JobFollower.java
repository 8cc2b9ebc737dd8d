package io.mcpbridge.mcp;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobWatch;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a job to its end for a client that asked for progress: reads the job's events from the
 * registry, woken by {@link JobWatch} (with a slow poll for events written elsewhere), and
 * reports solver progress as simulated time of end time. Progress only ever increases. When the
 * job ends, a last notification says it is complete (end time of end time; 1 of 1 for a run too
 * short to have reported solver progress), so a client always hears the end.
 */
final class JobFollower {
  private static final Logger LOG = LoggerFactory.getLogger(JobFollower.class);
  private static final long POLL_MILLIS = 500;

  private final JobRegistry jobs;
  private final JobWatch watch;
  private final Duration maxFollow;

  JobFollower(JobRegistry jobs, JobWatch watch, Duration maxFollow) {
    this.jobs = jobs;
    this.watch = watch;
    this.maxFollow = maxFollow;
  }

  /** Blocks until the job ends, the exchange is cancelled or the follow limit passes; returns the job then. */
  Optional<Job> follow(JobId id, Exchange exchange) {
    Semaphore changed = new Semaphore(0);
    long deadline = System.nanoTime() + maxFollow.toNanos();
    long after = 0;
    double reported = -1;
    double endTime = -1;
    try (AutoCloseable ignored = watch.watch(id, changed::release)) {
      while (!exchange.cancelled() && System.nanoTime() < deadline) {
        for (JobEvent e : jobs.events(id, after)) {
          after = e.sequence();
          if (e.progress().isPresent()) {
            JobEvent.Progress p = e.progress().get();
            endTime = p.endTime();
            if (p.simulatedTime() > reported) {
              reported = p.simulatedTime();
              exchange.progress(p.simulatedTime(), p.endTime(), e.state().wireName());
            }
          }
          if (e.type() == JobEvent.Type.STATE && e.state().isTerminal()) {
            double total = endTime > 0 ? endTime : 1;
            if (reported < total) {
              exchange.progress(total, total, e.state().wireName());
            }
            return jobs.findJob(id);
          }
        }
        changed.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        changed.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("following job {} stopped: {}", id, e.getMessage());
    }
    return jobs.findJob(id);
  }
}
