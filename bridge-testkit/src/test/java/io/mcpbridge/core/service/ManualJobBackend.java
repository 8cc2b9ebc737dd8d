package io.mcpbridge.core.service;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A job backend the test drives by hand: submissions are recorded, and {@link #runNext()} runs
 * the oldest one on the calling thread with a deadline of start + timeout on the given clock.
 */
final class ManualJobBackend implements JobBackend {
  /** One recorded submission. */
  record Submission(JobId id, Duration timeout, Duration delay) {}

  private final Clock clock;
  private final List<Submission> submissions = new ArrayList<>();
  private final List<JobId> cancelled = new ArrayList<>();
  private final AtomicBoolean cancelFlag = new AtomicBoolean();
  private JobHandler handler;
  private int next;
  private boolean singleSimulationsOnly;

  ManualJobBackend(Clock clock) {
    this.clock = clock;
  }

  /** From now on answers like a backend whose remote workers run single simulations only. */
  void runSingleSimulationsOnly() {
    singleSimulationsOnly = true;
  }

  @Override
  public boolean runsEveryJobKind() {
    return !singleSimulationsOnly;
  }

  @Override
  public void start(JobHandler handler) {
    this.handler = handler;
  }

  @Override
  public synchronized void submit(JobId id, Duration timeout, Duration delay) {
    submissions.add(new Submission(id, timeout, delay));
  }

  @Override
  public synchronized void cancel(JobId id) {
    cancelled.add(id);
    cancelFlag.set(true);
  }

  synchronized List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  synchronized List<JobId> cancelled() {
    return List.copyOf(cancelled);
  }

  synchronized int pending() {
    return submissions.size() - next;
  }

  /** Runs the oldest submission not yet run; the run sees cancellation once {@link #cancel} is called. */
  void runNext() {
    Submission s;
    synchronized (this) {
      if (next >= submissions.size()) {
        throw new IllegalStateException("nothing submitted to run");
      }
      s = submissions.get(next++);
      cancelFlag.set(false);
    }
    handler.handle(s.id(), new RunControl(cancelFlag::get, Optional.of(clock.instant().plus(s.timeout())),
        ProgressListener.NONE, clock));
  }

  @Override
  public void close() {
    // Nothing runs in the background.
  }
}
