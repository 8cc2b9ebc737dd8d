package io.mcpbridge.core.service;

import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Passes a run's progress on to its caller at once, and records it durably (a registry event, a
 * worker report) at most once per interval, starting one interval into the run: a run that ends
 * sooner records no progress (its state events say it all), which keeps small jobs to a few
 * durable writes. The end is recorded once, and only if earlier progress was.
 */
final class ThrottledProgress implements ProgressListener {
  /** The interval of durable progress records. */
  static final Duration INTERVAL = Duration.ofMillis(250);

  private final ProgressListener caller;
  private final BiConsumer<Instant, JobEvent.Progress> record;
  private final Clock clock;
  private Instant last;
  private boolean recordedAny;
  private boolean recordedEnd;

  private ThrottledProgress(ProgressListener caller, BiConsumer<Instant, JobEvent.Progress> record, Clock clock) {
    this.caller = caller;
    this.record = record;
    this.clock = clock;
    this.last = clock.instant();
  }

  /** The control with its progress listener wrapped: the run's own listener still sees every step. */
  static RunControl around(RunControl control, Clock clock, BiConsumer<Instant, JobEvent.Progress> record) {
    return new RunControl(control.cancellationRequested(), control.deadline(),
        new ThrottledProgress(control.progress(), record, clock), control.clock());
  }

  @Override
  public void onProgress(double reached, double total) {
    // The integrator steps past the end time and interpolates back: report at most the end.
    double done = Math.min(reached, total);
    caller.onProgress(done, total);
    Instant now = clock.instant();
    boolean finished = done >= total;
    if (finished && (recordedEnd || !recordedAny)) {
      return;
    }
    if (finished || Duration.between(last, now).compareTo(INTERVAL) >= 0) {
      recordedAny = true;
      recordedEnd = finished;
      last = now;
      record.accept(now, new JobEvent.Progress(done, total));
    }
  }
}
