package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.DeadLetterRequeues;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Requeues a failed job in the registry's owner process: {@code failed → queued} by
 * compare-and-set (a job that is not failed, or changes meanwhile, is refused and left alone),
 * failure and result cleared, attempts kept (the next message is attempt {@code attempts + 1},
 * with a fresh delivery count), a {@code job.requeued} audit record naming who asked, then the
 * submission. A submission the broker refuses leaves the job queued for the reconciler.
 */
public final class DeadLetterRequeuer implements DeadLetterRequeues {
  private final JobRegistry registry;
  private final JobBackend backend;
  private final JobNotifier notifier;
  private final AuditSink audit;
  private final Clock clock;
  private final System.Logger log = System.getLogger(DeadLetterRequeuer.class.getName());

  public DeadLetterRequeuer(JobRegistry registry, JobBackend backend, JobNotifier notifier, AuditSink audit, Clock clock) {
    this.registry = registry;
    this.backend = backend;
    this.notifier = notifier;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Outcome requeue(JobId id, String requestedBy) {
    Optional<Job> found = registry.findJob(id);
    if (found.isEmpty()) {
      return new Outcome(false, "job " + id + " is not in the registry (purged by retention, or another deployment's)");
    }
    Job job = found.get();
    if (job.state() != JobState.FAILED) {
      return new Outcome(false, "job " + id + " is " + job.state().wireName()
          + ", not failed: only a failed job can be requeued from the dead-letter queue");
    }
    Instant now = clock.instant();
    Job queued = new Job(job.id(), job.owner(), job.simulationId(), job.revision(), JobState.QUEUED, job.attempts(),
        job.maxRetries(), job.timeout(), job.createdAt(), now, job.cancelRequested(), Optional.empty(), Optional.empty());
    if (!registry.updateJob(queued, Set.of(JobState.FAILED), Optional.of("requeued from the dead-letter queue by "
        + requestedBy))) {
      return new Outcome(false, "job " + id + " changed while it was being requeued; look at it again");
    }
    notifier.changed(id);
    try {
      audit.append(new AuditEvent(UUID.randomUUID().toString(), now, "job.requeued", "job-" + id.value(),
          AuditIdentity.system(), Map.of("requestedBy", requestedBy, "attempt", Integer.toString(job.attempts() + 1),
              "previousFailure", job.failure().map(f -> f.code()).orElse("none")),
          Optional.empty(), Optional.empty(), JobState.QUEUED.wireName(), 0, Optional.of(id.value())));
    } catch (BridgeException e) {
      log.log(System.Logger.Level.WARNING, "could not audit the requeue of job " + id + ": " + e.getMessage());
    }
    try {
      backend.submit(id, job.timeout(), Duration.ZERO);
    } catch (BackendUnavailableException e) {
      return new Outcome(true, "job " + id + " is queued again as attempt " + (job.attempts() + 1)
          + "; the broker refused the message for now, the reconciler publishes it");
    }
    return new Outcome(true, "job " + id + " requeued as attempt " + (job.attempts() + 1));
  }
}
