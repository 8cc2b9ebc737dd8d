package io.mcpbridge.jobs.thread;

import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A {@link JobBackend} on a fixed pool of named platform threads in this process.
 *
 * <ul>
 *   <li>Attempts wait in a delay queue ordered by due time (then submission order), measured with
 *       the injected clock, so retries can back off.
 *   <li>Each attempt gets its own {@link io.mcpbridge.core.port.RunControl}: a cancellation flag
 *       that {@link #cancel} sets, and a deadline of start + timeout.
 *   <li>A job has at most one pending and at most one running attempt. A submit while one is
 *       pending is ignored; a submit while one runs (a retry scheduled by the handler) waits until
 *       the running attempt has returned, so no job ever runs twice at once.
 *   <li>{@link #close} stops taking work, cancels running attempts, waits the grace period, then
 *       interrupts what is still running. Pending attempts are dropped: their jobs are still queued
 *       in the registry and are resubmitted by recovery after a restart.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class ThreadJobBackend implements JobBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadJobBackend.class);
  /** The logging context key holding the id of the job a worker thread is running. */
  static final String JOB_ID_MDC_KEY = "jobId";
  /** Workers re-read the clock at least this often, so a clock moved by a test is noticed. */
  private static final long POLL_MILLIS = 50;

  private final Clock clock;
  private final Duration shutdownGrace;
  private final int workerCount;
  private final DelayQueue<PendingAttempt> queue = new DelayQueue<>();
  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<JobId, PendingAttempt> pending = new HashMap<>();
  private final Map<JobId, PendingAttempt> waitingForRunningAttempt = new HashMap<>();
  private final Map<JobId, RunningAttempt> running = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private long submissions;
  private JobHandler handler;
  private volatile boolean closed;

  /**
   * A backend with {@code workerThreads} workers.
   *
   * @param workerThreads concurrent attempts (at least 1)
   * @param clock measures delays and deadlines
   * @param shutdownGrace how long {@link #close} waits for cancelled attempts before interrupting
   */
  public ThreadJobBackend(int workerThreads, Clock clock, Duration shutdownGrace) {
    if (workerThreads < 1) {
      throw new IllegalArgumentException("at least one worker thread");
    }
    this.workerCount = workerThreads;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
  }

  /** A backend sized by {@code JOB_WORKER_THREADS}, with a ten-second shutdown grace period. */
  public static ThreadJobBackend from(JobSettings settings, Clock clock) {
    return new ThreadJobBackend(settings.workerThreads(), clock, Duration.ofSeconds(10));
  }

  @Override
  public void start(JobHandler jobHandler) {
    Objects.requireNonNull(jobHandler, "handler");
    synchronized (lock) {
      if (handler != null) {
        throw new IllegalStateException("backend already started");
      }
      if (closed) {
        throw new IllegalStateException("backend is closed");
      }
      handler = jobHandler;
      for (int i = 1; i <= workerCount; i++) {
        Thread worker = new Thread(this::work, "job-worker-" + i);
        // Daemon: a launcher that forgets close() must still be able to exit; unfinished jobs
        // stay queued or running in the registry and are recovered on the next start.
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
      }
    }
  }

  @Override
  public void submit(JobId id, Duration timeout, Duration delay) {
    Objects.requireNonNull(id, "id");
    if (timeout.isNegative() || timeout.isZero() || delay.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive and delay not negative");
    }
    synchronized (lock) {
      if (closed) {
        throw new BackendUnavailableException("the job backend is shutting down");
      }
      if (handler == null) {
        throw new IllegalStateException("backend not started");
      }
      if (pending.containsKey(id)) {
        LOG.debug("job {} already has a pending attempt; submit ignored", id);
        return;
      }
      PendingAttempt attempt = new PendingAttempt(id, timeout, clock.instant().plus(delay), submissions++, clock);
      pending.put(id, attempt);
      queue.add(attempt);
    }
  }

  @Override
  public void cancel(JobId id) {
    synchronized (lock) {
      PendingAttempt waiting = pending.remove(id);
      if (waiting != null) {
        queue.remove(waiting);
        waitingForRunningAttempt.remove(id);
      }
      RunningAttempt current = running.get(id);
      if (current != null) {
        current.cancel();
      }
    }
  }

  @Override
  public void close() {
    List<Thread> toStop;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      running.values().forEach(RunningAttempt::cancel);
      pending.clear();
      waitingForRunningAttempt.clear();
      queue.clear();
      toStop = List.copyOf(workers);
    }
    long graceEnd = System.nanoTime() + shutdownGrace.toNanos();
    joinUntil(toStop, graceEnd);
    List<Thread> stuck = toStop.stream().filter(Thread::isAlive).toList();
    if (!stuck.isEmpty()) {
      LOG.warn("{} job attempt(s) ignored cancellation for {}; interrupting", stuck.size(), shutdownGrace);
      stuck.forEach(Thread::interrupt);
      joinUntil(stuck, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
    }
  }

  private static void joinUntil(List<Thread> threads, long deadlineNanos) {
    for (Thread t : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void work() {
    while (!closed) {
      PendingAttempt next;
      try {
        next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // close() interrupts; the loop condition decides
      }
      RunningAttempt attempt = next == null ? null : claim(next);
      if (attempt != null) {
        run(attempt);
      }
    }
  }

  /** Moves a due attempt to running, or parks it behind the job's running attempt. */
  private RunningAttempt claim(PendingAttempt next) {
    synchronized (lock) {
      JobId id = next.jobId();
      if (closed || pending.get(id) != next) {
        return null; // cancelled (or dropped by close) after it left the queue
      }
      if (running.containsKey(id)) {
        waitingForRunningAttempt.put(id, next);
        return null;
      }
      pending.remove(id);
      RunningAttempt attempt = new RunningAttempt(id, next.timeout(), clock);
      running.put(id, attempt);
      return attempt;
    }
  }

  private void run(RunningAttempt attempt) {
    // Every log line written while the job runs on this thread names it.
    MDC.put(JOB_ID_MDC_KEY, attempt.jobId().value());
    try {
      handler.handle(attempt.jobId(), attempt.control());
    } catch (Throwable e) {
      // The handler promises not to throw; if it does — even an Error such as OutOfMemoryError —
      // the worker survives (a dead worker would never be replaced) and the job stays in whatever
      // state the registry has, for the handler or recovery to judge.
      LOG.error("job handler threw for job {}", attempt.jobId(), e);
    } finally {
      Thread.interrupted(); // an interrupt meant for this attempt must not hit the next one
      MDC.remove(JOB_ID_MDC_KEY);
      finish(attempt);
    }
  }

  private void finish(RunningAttempt attempt) {
    synchronized (lock) {
      running.remove(attempt.jobId());
      PendingAttempt retry = waitingForRunningAttempt.remove(attempt.jobId());
      if (retry != null && !closed) {
        queue.add(retry);
      }
    }
  }
}
