package io.mcpbridge.core.service;

import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows jobs through the {@link JobRegistry}, woken by {@link JobWatch} notices. The registry
 * decides what a follower sees (ordered, durable, resumable by sequence number); a notice only says
 * "look now". Events written by another process (a second API replica sharing the registry) raise
 * no notice here, so a slow poll bounds their delay. Thread-safe.
 */
public final class RegistryJobFollower implements JobFollower {
  /** Upper bound on the delay of an event nobody in this process announced. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  private final JobRegistry registry;
  private final JobWatch watch;
  private final Duration poll;

  /** A follower polling every {@link #DEFAULT_POLL} besides the notices. */
  public RegistryJobFollower(JobRegistry registry, JobWatch watch) {
    this(registry, watch, DEFAULT_POLL);
  }

  /**
   * A follower with its own poll interval.
   *
   * @param poll how often to read the registry when no notice arrives; positive
   */
  public RegistryJobFollower(JobRegistry registry, JobWatch watch, Duration poll) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.watch = Objects.requireNonNull(watch, "watch");
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive");
    }
    this.poll = poll;
  }

  @Override
  public List<JobEvent> await(JobId id, long afterSequence, Duration timeout) throws InterruptedException {
    Semaphore changed = new Semaphore(0);
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    // Watch before the first read, so a notice between the read and the wait is not lost.
    try (AutoCloseable ignored = watch.watch(id, changed::release)) {
      while (true) {
        changed.drainPermits();
        List<JobEvent> events = upToTerminal(registry.events(id, afterSequence));
        long left = deadline - System.nanoTime();
        if (!events.isEmpty() || left <= 0) {
          return events;
        }
        changed.tryAcquire(Math.min(left, poll.toNanos()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing a job watch failed", e); // JobNotifier's handle does not throw
    }
  }

  @Override
  public AutoCloseable subscribe(JobId id, long afterSequence, Subscriber subscriber,
      ScheduledExecutorService deliverOn) {
    Subscription s = new Subscription(id, afterSequence, subscriber, deliverOn);
    s.start();
    return s::close;
  }

  private static List<JobEvent> upToTerminal(List<JobEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      if (JobFollower.isTerminal(events.get(i))) {
        return i == events.size() - 1 ? events : new ArrayList<>(events.subList(0, i + 1));
      }
    }
    return events;
  }

  /** One push subscription; drains run one at a time on the caller's executor. */
  private final class Subscription {
    private final JobId id;
    private final Subscriber subscriber;
    private final ScheduledExecutorService executor;
    private long after;
    private boolean ended;
    private AutoCloseable watching;
    private ScheduledFuture<?> polling;

    Subscription(JobId id, long after, Subscriber subscriber, ScheduledExecutorService executor) {
      this.id = id;
      this.after = after;
      this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
      this.executor = Objects.requireNonNull(executor, "deliverOn");
    }

    synchronized void start() {
      watching = watch.watch(id, this::wake);
      try {
        polling = executor.scheduleWithFixedDelay(this::drain, poll.toNanos(), poll.toNanos(), TimeUnit.NANOSECONDS);
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        stop(); // the caller's executor is shutting down: leave no watcher behind
        throw e;
      }
    }

    private void wake() {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // the caller is shutting its executor down; close() follows
      }
    }

    synchronized void drain() {
      if (ended) {
        return;
      }
      try {
        for (JobEvent e : upToTerminal(registry.events(id, after))) {
          subscriber.onEvent(e);
          after = e.sequence();
          if (JobFollower.isTerminal(e)) {
            end(Optional.empty());
            return;
          }
        }
      } catch (Exception e) {
        end(Optional.of(e));
      }
    }

    private void end(Optional<Exception> failure) {
      stop();
      subscriber.onEnd(failure);
    }

    synchronized void close() {
      stop();
    }

    private void stop() {
      if (ended) {
        return;
      }
      ended = true;
      if (polling != null) {
        polling.cancel(false);
      }
      try {
        if (watching != null) {
          watching.close();
        }
      } catch (Exception e) {
        // an unregistered watcher is only a wasted wake-up
      }
    }
  }
}
