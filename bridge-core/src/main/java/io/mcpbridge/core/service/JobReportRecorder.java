package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobReports;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies worker reports in the API process, the one owner of the registry and the audit trail.
 *
 * <p>A report applies only to the job's current attempt: {@code started} moves a queued job whose
 * next attempt it is to running; progress and final reports need the job running that very
 * attempt. Every transition is a compare-and-set, so a report delivered twice, or a late report of
 * an attempt the job has left (a worker presumed dead that finishes after all), changes nothing:
 * one result, one terminal event, one terminal audit record. The result id is derived from job
 * and attempt, so a redelivered success after a crash between storing the result and the
 * transition finds the stored result instead of adding a second one.
 *
 * <p>Retryable failures within the job's retry budget requeue it and submit the next attempt
 * with exponential backoff; cancellation requested meanwhile wins over any outcome.
 *
 * <p>Reports of one chunk of a split job ({@link ChunkedWork}) follow the same rules with the
 * attempt as a whole: the first chunk's {@code started} starts the attempt, chunk progress adds up
 * to the job's progress, a chunk's success is kept by its kind (once, however often it is
 * delivered) and the job succeeds when the kind has gathered every chunk; the first chunk that
 * fails, is cancelled or times out ends the attempt like a whole job's report would, and outstanding
 * chunks of a job that ended are told to stop. The reconciler's "interrupted" report is ignored
 * for a split job while it is gathered or within a minute of its last chunk report: between chunks
 * and while the API gathers, no worker holds the job's lease.
 */
public final class JobReportRecorder implements JobReports {
  /** The failure code the reconciler reports for an attempt no worker holds. */
  static final String INTERRUPTED = "interrupted";
  /** How long after its last chunk report a split job counts as alive without a lease. */
  static final java.time.Duration CHUNK_ACTIVITY_GRACE = java.time.Duration.ofSeconds(60);
  private final JobRegistry registry;
  private final JobBackend backend;
  private final JobNotifier notifier;
  private final AuditSink audit;
  private final Clock clock;
  private final List<ChunkedWork> chunked;
  /** When a chunk of a job was last reported, and the jobs being gathered now (both in memory only). */
  private final Map<JobId, Instant> chunkActivity = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<JobId> gathering = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final System.Logger log = System.getLogger(JobReportRecorder.class.getName());

  public JobReportRecorder(JobRegistry registry, JobBackend backend, JobNotifier notifier, AuditSink audit, Clock clock) {
    this(registry, backend, notifier, audit, clock, List.of());
  }

  /**
   * A recorder that also gathers the chunks of split jobs.
   *
   * @param chunked the kinds of jobs that run in chunks, asked in order
   */
  public JobReportRecorder(JobRegistry registry, JobBackend backend, JobNotifier notifier, AuditSink audit, Clock clock,
      List<ChunkedWork> chunked) {
    this.chunked = List.copyOf(chunked);
    this.registry = registry;
    this.backend = backend;
    this.notifier = notifier;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void record(WorkerReport r) {
    Optional<Job> found = registry.findJob(r.jobId());
    if (found.isEmpty()) {
      log.log(System.Logger.Level.DEBUG, "report for unknown job " + r.jobId() + " ignored");
      return;
    }
    Job job = found.get();
    boolean nextAttempt = job.state() == JobState.QUEUED && job.attempts() == r.attempt() - 1;
    boolean currentAttempt = job.state() == JobState.RUNNING && job.attempts() == r.attempt();
    if (r.chunk().isPresent()) {
      chunkActivity.put(r.jobId(), clock.instant());
      recordChunk(job, r, nextAttempt, currentAttempt);
      return;
    }
    if (r.kind() == WorkerReport.Kind.FAILED && r.failure().map(f -> f.code().equals(INTERRUPTED)).orElse(false)
        && chunksActive(r.jobId())) {
      // The reconciler saw no lease, but the job's chunks were reported a moment ago or are being
      // gathered: between two chunks and while the API gathers, no worker holds the job.
      log.log(System.Logger.Level.DEBUG, "job " + r.jobId() + " is not abandoned: its chunks are active");
      return;
    }
    switch (r.kind()) {
      case STARTED -> {
        if (nextAttempt) {
          start(job, r);
        }
      }
      case PROGRESS -> {
        if (currentAttempt && r.progress().isPresent()) {
          registry.appendEvent(r.jobId(), JobEvent.Type.PROGRESS, JobState.RUNNING, r.progress(), Optional.empty(),
              clock.instant());
          notifier.changed(r.jobId());
        }
      }
      default -> {
        if (nextAttempt && r.kind() == WorkerReport.Kind.CANCELLED) {
          // The worker saw the cancellation before starting: the job never ran.
          finish(job, JobState.QUEUED, JobState.CANCELLED, r.failure().orElseThrow());
        } else if (nextAttempt) {
          // Ended without a start report (e.g. dead-lettered before running): count the attempt.
          Optional<Job> running = start(job, r);
          running.ifPresent(j -> end(j, r));
        } else if (currentAttempt) {
          end(job, r);
        }
      }
    }
  }

  private void recordChunk(Job job, WorkerReport r, boolean nextAttempt, boolean currentAttempt) {
    Optional<ChunkedWork> kind = chunked.stream().filter(k -> k.claims(r.jobId())).findFirst();
    if (kind.isEmpty()) {
      if (currentAttempt || nextAttempt) {
        Job running = nextAttempt ? start(job, r).orElse(null) : job;
        if (running != null) {
          finish(running, JobState.RUNNING, JobState.FAILED, new JobFailure(io.mcpbridge.core.error.ErrorCode.INTERNAL_ERROR
              .wireName(), "a worker reported a chunk of job " + r.jobId() + ", which is not split into chunks here",
              false));
        }
      }
      return;
    }
    if (currentAttempt && clock.instant().isAfter(job.updatedAt().plus(job.timeout()))) {
      // Each chunk has the job's time limit on its worker; the attempt as a whole has it here.
      finish(job, JobState.RUNNING, JobState.TIMED_OUT, new JobFailure(io.mcpbridge.core.error.ErrorCode.TIMEOUT
          .wireName(), "exceeded its time limit of " + job.timeout().toSeconds() + " s", false));
      endChunks(job.id(), kind.get());
      return;
    }
    switch (r.kind()) {
      case STARTED -> {
        if (nextAttempt) {
          start(job, r);
        }
      }
      case PROGRESS -> {
        if (currentAttempt) {
          progress(job, kind.get().progress(job, r));
        }
      }
      default -> {
        Job running = job;
        if (nextAttempt) {
          if (r.kind() == WorkerReport.Kind.CANCELLED) {
            finish(job, JobState.QUEUED, JobState.CANCELLED, r.failure().orElseThrow());
            endChunks(job.id(), kind.get());
            return;
          }
          running = start(job, r).orElse(null);
        } else if (!currentAttempt) {
          return;
        }
        if (running == null) {
          return;
        }
        if (r.kind() == WorkerReport.Kind.SUCCEEDED) {
          chunkSucceeded(running, r, kind.get());
        } else {
          // The attempt ends with its first failed chunk; a retry publishes every chunk again.
          kind.get().ended(running.id());
          end(running, r);
          endChunks(running.id(), kind.get());
        }
      }
    }
  }

  private boolean chunksActive(JobId id) {
    Instant last = chunkActivity.get(id);
    return gathering.contains(id) || (last != null && java.time.Duration.between(last, clock.instant())
        .compareTo(CHUNK_ACTIVITY_GRACE) < 0);
  }

  private void chunkSucceeded(Job running, WorkerReport r, ChunkedWork kind) {
    Job latest = registry.findJob(running.id()).orElse(running);
    if (latest.cancelRequested()) {
      finish(latest, JobState.RUNNING, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false));
      endChunks(running.id(), kind);
      return;
    }
    progress(latest, kind.progress(latest, r));
    boolean complete;
    gathering.add(running.id());
    try {
      complete = kind.gather(latest, r);
    } catch (io.mcpbridge.core.error.InvalidInputException | io.mcpbridge.core.error.NotFoundException e) {
      finish(latest, JobState.RUNNING, JobState.FAILED, new JobFailure(e.code().wireName(), e.getMessage(), false));
      endChunks(running.id(), kind);
      return;
    } finally {
      chunkActivity.put(running.id(), clock.instant());
      gathering.remove(running.id());
    }
    if (!complete) {
      return;
    }
    Instant now = clock.instant();
    ResultId resultId = resultIdOf(running.id(), r.attempt());
    if (registry.updateJob(latest.succeeded(resultId, now), Set.of(JobState.RUNNING), Optional.of("succeeded in "
        + r.chunk().orElseThrow().count() + " chunks, the last on worker " + r.worker()))) {
      announce(running.id(), JobState.SUCCEEDED, Map.of("resultsId", resultId.value(), "worker", r.worker()));
    }
    kind.ended(running.id());
    chunkActivity.remove(running.id());
  }

  /** After a chunked job left its attempt: stop the chunks still running if it ended for good. */
  private void endChunks(JobId id, ChunkedWork kind) {
    Optional<Job> now = registry.findJob(id);
    if (now.isPresent() && now.get().state().isTerminal()) {
      kind.ended(id);
      chunkActivity.remove(id);
      try {
        backend.cancel(id);
      } catch (BridgeException e) {
        log.log(System.Logger.Level.WARNING, "could not stop the outstanding chunks of job " + id + ": " + e.getMessage());
      }
    }
  }

  private void progress(Job job, JobEvent.Progress progress) {
    registry.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.RUNNING, Optional.of(progress), Optional.empty(),
        clock.instant());
    notifier.changed(job.id());
  }

  private Optional<Job> start(Job queued, WorkerReport r) {
    if (queued.cancelRequested()) {
      finish(queued, JobState.QUEUED, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled before its attempt started", false));
      return Optional.empty();
    }
    Job running = queued.startedAttempt(clock.instant());
    if (!registry.updateJob(running, Set.of(JobState.QUEUED), Optional.of("attempt " + running.attempts()
        + " started on worker " + r.worker()))) {
      return Optional.empty();
    }
    announce(running.id(), JobState.RUNNING, Map.of("attempt", Integer.toString(running.attempts()), "worker", r.worker()));
    return Optional.of(running);
  }

  private void end(Job running, WorkerReport r) {
    Job latest = registry.findJob(running.id()).orElse(running);
    if (latest.cancelRequested() && r.kind() != WorkerReport.Kind.TIMED_OUT) {
      finish(latest, JobState.RUNNING, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false));
      return;
    }
    switch (r.kind()) {
      case SUCCEEDED -> succeed(latest, r);
      case CANCELLED -> finish(latest, JobState.RUNNING, JobState.CANCELLED, r.failure().orElseThrow());
      case TIMED_OUT -> finish(latest, JobState.RUNNING, JobState.TIMED_OUT, r.failure().orElseThrow());
      case FAILED -> failOrRetry(latest, r.failure().orElseThrow());
      default -> throw new IllegalStateException("not a final report: " + r.kind());
    }
  }

  private void succeed(Job running, WorkerReport r) {
    Instant now = clock.instant();
    ResultId resultId = resultIdOf(running.id(), r.attempt());
    try {
      registry.saveResult(new StoredResult(resultId, running.id(), running.simulationId(), running.revision(),
          r.result().orElseThrow(), now));
    } catch (ConflictException e) {
      // Stored by an earlier delivery of this report that did not get to the transition.
    }
    if (registry.updateJob(running.succeeded(resultId, now), Set.of(JobState.RUNNING), Optional.of("succeeded on worker "
        + r.worker()))) {
      announce(running.id(), JobState.SUCCEEDED, Map.of("resultsId", resultId.value(), "worker", r.worker()));
    }
  }

  private void failOrRetry(Job running, JobFailure failure) {
    if (failure.retryable() && running.attempts() <= running.maxRetries()) {
      Job retry = running.withFailure(JobState.QUEUED, failure, clock.instant());
      if (registry.updateJob(retry, Set.of(JobState.RUNNING), Optional.of("retrying after: " + failure.message()))) {
        announce(running.id(), JobState.QUEUED, Map.of("retry", Integer.toString(running.attempts())));
        backend.submit(running.id(), running.timeout(), JobRunner.backoff(running.attempts()));
      }
      return;
    }
    finish(running, JobState.RUNNING, JobState.FAILED, failure);
  }

  private void finish(Job job, JobState from, JobState terminal, JobFailure failure) {
    if (registry.updateJob(job.withFailure(terminal, failure, clock.instant()), Set.of(from), Optional.of(failure.message()))) {
      announce(job.id(), terminal, Map.of("reason", failure.code()));
    }
  }

  /** The result id of an attempt: the same for every delivery of its success report. */
  static ResultId resultIdOf(JobId id, int attempt) {
    return new ResultId(UUID.nameUUIDFromBytes((id.value() + "#" + attempt).getBytes(StandardCharsets.UTF_8)).toString());
  }

  private void announce(JobId id, JobState state, Map<String, String> summary) {
    notifier.changed(id);
    try {
      audit.append(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), "job." + state.wireName(),
          "job-" + id.value(), AuditIdentity.system(), summary, Optional.empty(), Optional.empty(), state.wireName(),
          0, Optional.of(id.value())));
    } catch (BridgeException e) {
      log.log(System.Logger.Level.WARNING, "could not audit job " + id + " transition to " + state.wireName()
          + ": " + e.getMessage());
    }
  }
}
