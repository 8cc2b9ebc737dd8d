package io.mcpbridge.core.service;

import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.sensitivity.SensitivityJobs;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobs;
import io.mcpbridge.core.port.EngineMetrics;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs one attempt of a job (a simulation run, or the sensitivity analysis stored with the job):
 * queued → running → succeeded / failed / cancelled / timed_out, or back to queued for a retry
 * with backoff. Every transition goes through the
 * registry (compare-and-set, so a job is never finished twice), is announced to watchers and is
 * audited. Thread-safe; the backend calls it from worker threads.
 */
public final class JobRunner implements JobHandler {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final JobRegistry registry;
  private final SimulationEngine engine;
  private final JobBackend backend;
  private final JobNotifier notifier;
  private final AuditSink audit;
  private final Clock clock;
  private final List<JobWork> kinds;
  private final JobMetrics jobMetrics;
  private final EngineMetrics engineMetrics;
  private final System.Logger log = System.getLogger(JobRunner.class.getName());

  public JobRunner(JobRegistry registry, SimulationEngine engine, JobBackend backend, JobNotifier notifier,
      AuditSink audit, Clock clock) {
    this(registry, engine, backend, notifier, audit, NoMetrics.INSTANCE, NoMetrics.INSTANCE, clock, List.of());
  }

  /**
   * A runner that also runs other kinds of jobs.
   *
   * @param kinds the work of jobs that are not single simulation runs, asked in order
   */
  public JobRunner(JobRegistry registry, SimulationEngine engine, JobBackend backend, JobNotifier notifier,
      AuditSink audit, Clock clock, List<JobWork> kinds) {
    this(registry, engine, backend, notifier, audit, NoMetrics.INSTANCE, NoMetrics.INSTANCE, clock, kinds);
  }

  /**
   * A runner of simulation and sensitivity jobs that counts what it does.
   *
   * @param jobMetrics where job starts, ends, retries and waits are counted
   * @param engineMetrics where the integrator work of each run is counted
   */
  public JobRunner(JobRegistry registry, SimulationEngine engine, JobBackend backend, JobNotifier notifier,
      AuditSink audit, JobMetrics jobMetrics, EngineMetrics engineMetrics, Clock clock) {
    this(registry, engine, backend, notifier, audit, jobMetrics, engineMetrics, clock, List.of());
  }

  /**
   * @param jobMetrics where job starts, ends, retries and waits are counted
   * @param engineMetrics where the integrator work of each run is counted
   * @param kinds the work of jobs that are not single simulation runs, asked in order
   */
  public JobRunner(JobRegistry registry, SimulationEngine engine, JobBackend backend, JobNotifier notifier,
      AuditSink audit, JobMetrics jobMetrics, EngineMetrics engineMetrics, Clock clock, List<JobWork> kinds) {
    this.jobMetrics = jobMetrics;
    this.engineMetrics = engineMetrics;
    List<JobWork> all = new ArrayList<>();
    // Sensitivity analyses are stored with their job in the registry, so every runner can run one.
    int threads = Runtime.getRuntime().availableProcessors();
    all.add(new StoredRequestJobWork(registry, JobKind.SENSITIVITY,
        new SensitivityJobs(engine, ParameterPathMatcher::compile, threads)::run, clock));
    all.add(new StoredRequestJobWork(registry, JobKind.GLOBAL_SENSITIVITY,
        new GlobalSensitivityJobs(engine, threads)::run, clock));
    all.addAll(kinds);
    this.kinds = List.copyOf(all);
    this.registry = registry;
    this.engine = engine;
    this.backend = backend;
    this.notifier = notifier;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void handle(JobId id, RunControl control) {
    Optional<Job> found = registry.findJob(id);
    if (found.isEmpty() || found.get().state() != JobState.QUEUED) {
      return; // finished, cancelled while queued, or taken by another worker
    }
    Job queued = found.get();
    if (queued.cancelRequested()) {
      // Cancelled while waiting for a retry: never start another attempt.
      if (registry.updateJob(queued.withFailure(JobState.CANCELLED, new JobFailure("Cancelled", "cancelled before its next attempt",
          false), clock.instant()), Set.of(JobState.QUEUED), Optional.of("cancelled before its next attempt"))) {
        jobMetrics.finished(JobState.CANCELLED, "Cancelled", Duration.ZERO);
        announce(id, JobState.CANCELLED, Map.of("reason", "Cancelled"));
      }
      return;
    }
    Job running = queued.startedAttempt(clock.instant());
    if (!transition(running, JobState.QUEUED, "attempt " + running.attempts() + " started")) {
      return;
    }
    jobMetrics.started(nonNegative(Duration.between(queued.updatedAt(), running.updatedAt())));
    boolean inEngine = false;
    try {
      StoredSimulation sim = registry.findSimulation(running.simulationId(), running.revision())
          .orElseThrow(() -> new io.mcpbridge.core.error.NotFoundException("simulation " + running.simulationId()
              + " revision " + running.revision() + " no longer exists"));
      Optional<JobWork> kind = kinds.stream().filter(k -> k.claims(id)).findFirst();
      if (kind.isPresent()) {
        ResultId resultId = kind.get().run(running, sim, withProgress(id, control));
        finishSucceeded(running, resultId);
      } else {
        inEngine = true;
        SimulationResult result = engine.run(sim.spec(), withProgress(id, control));
        inEngine = false;
        engineMetrics.runCompleted(result.statistics());
        finishSucceeded(running, sim, result);
      }
    } catch (RuntimeException e) {
      AttemptFailure failed = AttemptFailure.of(e, running.timeout(), "");
      if (failed.unexpected()) {
        log.log(System.Logger.Level.ERROR, "job " + id + " failed unexpectedly", e);
      }
      if (failed.state() != JobState.FAILED) {
        finish(running, failed.state(), failed.failure());
        return;
      }
      if (inEngine) {
        engineMetrics.runFailed(failed.failure().code());
      }
      failOrRetry(running, failed.failure());
    } catch (Error e) {
      // E.g. out of memory on a huge model: record the failure so the job does not stay running,
      // then let the error propagate to the backend, which keeps its worker alive.
      finish(running, JobState.FAILED, new JobFailure(ErrorCode.INTERNAL_ERROR.wireName(),
          "the run exhausted a resource of the process (" + e.getClass().getSimpleName() + ")", false));
      throw e;
    }
  }

  private RunControl withProgress(JobId id, RunControl control) {
    return ThrottledProgress.around(control, clock, (now, progress) -> {
      registry.appendEvent(id, JobEvent.Type.PROGRESS, JobState.RUNNING, Optional.of(progress), Optional.empty(), now);
      notifier.changed(id);
    });
  }

  private void finishSucceeded(Job running, StoredSimulation sim, SimulationResult result) {
    Job latest = registry.findJob(running.id()).orElse(running);
    if (latest.cancelRequested()) {
      // Cancellation won the race with completion: publish nothing.
      finish(running, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false));
      return;
    }
    Instant now = clock.instant();
    ResultId resultId = ResultId.random();
    registry.saveResult(new StoredResult(resultId, running.id(), sim.id(), sim.revision(), result, now));
    if (registry.updateJob(latest.succeeded(resultId, now), Set.of(JobState.RUNNING), Optional.of("succeeded"))) {
      jobMetrics.finished(JobState.SUCCEEDED, "none", nonNegative(Duration.between(running.updatedAt(), now)));
      announce(running.id(), JobState.SUCCEEDED, Map.of("resultsId", resultId.value()));
    }
  }

  private void finishSucceeded(Job running, ResultId resultId) {
    Job latest = registry.findJob(running.id()).orElse(running);
    if (latest.cancelRequested()) {
      finish(running, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false));
      return;
    }
    Instant now = clock.instant();
    if (registry.updateJob(latest.succeeded(resultId, now), Set.of(JobState.RUNNING), Optional.of("succeeded"))) {
      jobMetrics.finished(JobState.SUCCEEDED, "none", nonNegative(Duration.between(running.updatedAt(), now)));
      announce(running.id(), JobState.SUCCEEDED, Map.of("resultsId", resultId.value()));
    }
  }

  private void failOrRetry(Job running, JobFailure failure) {
    boolean cancelRequested = registry.findJob(running.id()).map(Job::cancelRequested).orElse(false);
    if (cancelRequested) {
      finish(running, JobState.CANCELLED, new JobFailure("Cancelled", "cancelled while running", false));
      return;
    }
    if (failure.retryable() && running.attempts() <= running.maxRetries()) {
      Instant now = clock.instant();
      Job retry = registry.findJob(running.id()).orElse(running).withFailure(JobState.QUEUED, failure, now);
      if (registry.updateJob(retry, Set.of(JobState.RUNNING), Optional.of("retrying after: " + failure.message()))) {
        jobMetrics.retried(failure.code());
        announce(running.id(), JobState.QUEUED, Map.of("retry", Integer.toString(running.attempts())));
        backend.submit(running.id(), running.timeout(), backoff(running.attempts()));
      }
      return;
    }
    finish(running, JobState.FAILED, failure);
  }

  private void finish(Job running, JobState terminal, JobFailure failure) {
    Job latest = registry.findJob(running.id()).orElse(running);
    Instant now = clock.instant();
    if (registry.updateJob(latest.withFailure(terminal, failure, now), Set.of(JobState.RUNNING),
        Optional.of(failure.message()))) {
      jobMetrics.finished(terminal, failure.code(), nonNegative(Duration.between(running.updatedAt(), now)));
      announce(running.id(), terminal, Map.of("reason", failure.code()));
    }
  }

  private boolean transition(Job updated, JobState from, String message) {
    boolean done = registry.updateJob(updated, Set.of(from), Optional.of(message));
    if (done) {
      announce(updated.id(), updated.state(), Map.of("attempt", Integer.toString(updated.attempts())));
    }
    return done;
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

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Exponential backoff: 1 s, 2 s, 4 s … capped at a minute. */
  static Duration backoff(int attempt) {
    long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 6);
    Duration d = Duration.ofSeconds(seconds);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
