package io.mcpbridge.jobs.thread;

import io.mcpbridge.core.model.JobId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/** An attempt waiting in the delay queue: due at an instant of the backend's clock. */
final class PendingAttempt implements Delayed {
  private final JobId jobId;
  private final Duration timeout;
  private final Instant dueAt;
  private final long order;
  private final Clock clock;

  PendingAttempt(JobId jobId, Duration timeout, Instant dueAt, long order, Clock clock) {
    this.jobId = jobId;
    this.timeout = timeout;
    this.dueAt = dueAt;
    this.order = order;
    this.clock = clock;
  }

  JobId jobId() {
    return jobId;
  }

  Duration timeout() {
    return timeout;
  }

  @Override
  public long getDelay(TimeUnit unit) {
    Duration left = Duration.between(clock.instant(), dueAt);
    return unit.convert(left.isNegative() ? Duration.ZERO : left);
  }

  /** Earlier due instant first; submission order among equals, so that zero-delay work is FIFO. */
  @Override
  public int compareTo(Delayed other) {
    PendingAttempt that = (PendingAttempt) other;
    int byDue = dueAt.compareTo(that.dueAt);
    return byDue != 0 ? byDue : Long.compare(order, that.order);
  }
}
