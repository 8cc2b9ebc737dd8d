package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps a broker-backed deployment's promise that nothing acknowledged is lost: the registry is
 * the source of truth, the broker only transport. Run periodically in the API process.
 *
 * <ul>
 *   <li>A queued job without a waiting message (its submit failed while the broker was down, or the
 *       broker restarted without its data) is published again.
 *   <li>A running job that no worker holds (its lease expired long enough ago that no worker took
 *       it over) ends its attempt as interrupted through {@link JobReports}: requeued within its
 *       retry budget, failed otherwise, audited like any other transition.
 * </ul>
 * Jobs that changed within {@code settle} are left alone, so a submit or a take-over in progress is
 * never raced.
 */
public final class JobReconciler {
  private final JobRegistry registry;
  private final JobBackend backend;
  private final BrokerJobState broker;
  private final JobReports reports;
  private final Clock clock;
  private final Duration settle;
  private final Duration leaseGrace;

  /**
   * @param settle age of a queued job's last change before a missing message counts as lost
   * @param leaseGrace age of a running job's last change, without a lease, before it counts as abandoned
   *     (several leases, so that workers can take the message over first)
   */
  public JobReconciler(JobRegistry registry, JobBackend backend, BrokerJobState broker, JobReports reports, Clock clock,
      Duration settle, Duration leaseGrace) {
    this.registry = registry;
    this.backend = backend;
    this.broker = broker;
    this.reports = reports;
    this.clock = clock;
    this.settle = settle;
    this.leaseGrace = leaseGrace;
  }

  /** Outcome of one round. */
  public record Report(int republished, int interrupted) {}

  /**
   * One reconciliation round.
   *
   * @throws BackendUnavailableException if the broker or registry is unavailable (try again later)
   */
  public Report reconcile() {
    if (!broker.reportsCaughtUp()) {
      // Judging now would republish jobs a worker already took and interrupt attempts that
      // succeeded while this process was down: their reports are still being recorded.
      return new Report(0, 0);
    }
    int republished = 0;
    int interrupted = 0;
    Instant now = clock.instant();
    for (Job job : registry.jobsInStates(Set.of(JobState.QUEUED, JobState.RUNNING))) {
      Duration age = Duration.between(job.updatedAt(), now);
      if (job.state() == JobState.QUEUED && age.compareTo(settle) >= 0 && !broker.hasWaitingMessage(job.id())) {
        backend.submit(job.id(), job.timeout(), Duration.ZERO);
        republished++;
      } else if (job.state() == JobState.RUNNING && age.compareTo(leaseGrace) >= 0 && !broker.isLeased(job.id())) {
        reports.record(WorkerReport.ended(job.id(), job.attempts(), WorkerReport.Kind.FAILED, "reconciler", now,
            new JobFailure("interrupted", "no worker holds attempt " + job.attempts() + " any more (its worker stopped)", true)));
        interrupted++;
      }
    }
    return new Report(republished, interrupted);
  }
}
