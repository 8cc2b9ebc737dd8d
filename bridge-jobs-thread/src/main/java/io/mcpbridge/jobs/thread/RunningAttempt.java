package io.mcpbridge.jobs.thread;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** An attempt on a worker: its cancellation flag and the control handed to the handler. */
final class RunningAttempt {
  private final JobId jobId;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final RunControl control;

  RunningAttempt(JobId jobId, Duration timeout, Clock clock) {
    this.jobId = jobId;
    Instant deadline = clock.instant().plus(timeout);
    // Progress is the handler's business: it wraps this control with its own listener.
    this.control = new RunControl(cancelled::get, Optional.of(deadline), ProgressListener.NONE, clock);
  }

  JobId jobId() {
    return jobId;
  }

  RunControl control() {
    return control;
  }

  void cancel() {
    cancelled.set(true);
  }
}
