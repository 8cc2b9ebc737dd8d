package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.core.port.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link JobBackend} that every implementation must obey. An implementation's test
 * extends this class and supplies a backend with the given number of workers and clock.
 *
 * <p>Waits use generous bounds (seconds for work that takes milliseconds) so that a slow, shared
 * build machine does not fail them; each bound still fails the test if the behaviour is missing.
 */
public abstract class JobBackendContract {
  /** Upper bound for anything that should happen "at once". */
  protected static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final List<JobBackend> opened = new ArrayList<>();

  /** A new backend, not yet started; closed after each test. */
  protected abstract JobBackend createBackend(int workers, Clock clock);

  private JobBackend started(int workers, Clock clock, JobHandler handler) {
    JobBackend backend = createBackend(workers, clock);
    opened.add(backend);
    backend.start(handler);
    return backend;
  }

  @AfterEach
  void closeBackends() {
    opened.forEach(JobBackend::close);
  }

  @Test
  void givenManySubmittedJobs_run_eachJobRunsExactlyOnce() throws Exception {
    Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(200);
    JobBackend backend = started(3, Clock.systemUTC(), (id, control) -> {
      runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      done.countDown();
    });
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      JobId id = JobId.random();
      ids.add(id);
      backend.submit(id, TIMEOUT, Duration.ZERO);
    }

    assertThat(done.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    Thread.sleep(50);
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void givenDelay_submit_startsOnlyOnceTheClockHasPassedIt() throws Exception {
    ManualClock clock = ManualClock.atFixedStart();
    CountDownLatch ran = new CountDownLatch(1);
    JobBackend backend = started(1, clock, (id, control) -> ran.countDown());

    backend.submit(JobId.random(), TIMEOUT, Duration.ofMinutes(2));

    assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("ran before its delay").isFalse();
    clock.advance(Duration.ofSeconds(119));
    assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("ran one second early").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ran.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void givenTimeout_run_handlerGetsADeadlineOfStartPlusTimeout() throws Exception {
    ManualClock clock = ManualClock.atFixedStart();
    AtomicReference<Optional<Instant>> deadline = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    JobBackend backend = started(1, clock, (id, control) -> {
      deadline.set(control.deadline());
      ran.countDown();
    });

    backend.submit(JobId.random(), Duration.ofSeconds(42), Duration.ZERO);

    assertThat(ran.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(deadline.get()).contains(clock.instant().plusSeconds(42));
  }

  @Test
  void givenShortTimeoutOnALongRun_run_stopsAtACheckpointSoonAfterTheTimeout() throws Exception {
    AtomicReference<RuntimeException> outcome = new AtomicReference<>();
    AtomicReference<Duration> ranFor = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> {
      long start = System.nanoTime();
      outcome.set(runUntilStopped(control, Duration.ofMinutes(1)));
      ranFor.set(Duration.ofNanos(System.nanoTime() - start));
      ended.countDown();
    });

    backend.submit(JobId.random(), Duration.ofMillis(300), Duration.ZERO);

    assertThat(ended.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(outcome.get()).isInstanceOf(TimeoutException.class);
    // At least the timeout (minus clock granularity); at most the timeout plus scheduling slack.
    assertThat(ranFor.get()).isBetween(Duration.ofMillis(250), Duration.ofMillis(300).plusSeconds(3));
  }

  @Test
  void givenQueuedJob_cancel_itNeverStarts() throws Exception {
    CountDownLatch blockerStarted = new CountDownLatch(1);
    CountDownLatch releaseBlocker = new CountDownLatch(1);
    CountDownLatch markerRan = new CountDownLatch(1);
    JobId blocker = JobId.random();
    JobId cancelled = JobId.random();
    JobId marker = JobId.random();
    List<JobId> started = new CopyOnWriteArrayList<>();
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> {
      started.add(id);
      if (id.equals(blocker)) {
        blockerStarted.countDown();
        awaitQuietly(releaseBlocker);
      }
      if (id.equals(marker)) {
        markerRan.countDown();
      }
    });
    backend.submit(blocker, TIMEOUT, Duration.ZERO);
    assertThat(blockerStarted.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    backend.submit(cancelled, TIMEOUT, Duration.ZERO);

    backend.cancel(cancelled);
    releaseBlocker.countDown();
    backend.submit(marker, TIMEOUT, Duration.ZERO);

    assertThat(markerRan.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(started).containsExactly(blocker, marker);
  }

  @Test
  void givenRunningJob_cancel_theRunSeesCancellationAtItsNextCheckpoint() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<RuntimeException> outcome = new AtomicReference<>();
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> {
      running.countDown();
      outcome.set(runUntilStopped(control, Duration.ofMinutes(1)));
      ended.countDown();
    });
    JobId id = JobId.random();
    backend.submit(id, TIMEOUT, Duration.ZERO);
    assertThat(running.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    backend.cancel(id);

    assertThat(ended.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(outcome.get()).isInstanceOf(RunCancelledException.class);
  }

  @Test
  void givenUnknownJob_cancel_isIgnored() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> ran.countDown());

    backend.cancel(JobId.random());
    backend.submit(JobId.random(), TIMEOUT, Duration.ZERO);

    assertThat(ran.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void givenJobResubmittedWhileRunning_run_theAttemptsNeverOverlap() throws Exception {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch secondEnded = new CountDownLatch(1);
    AtomicReference<JobBackend> self = new AtomicReference<>();
    JobBackend backend = started(3, Clock.systemUTC(), (id, control) -> {
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      int attempt = attempts.incrementAndGet();
      if (attempt == 1) {
        // A retry scheduled from inside the attempt, as a handler does after a retryable failure.
        self.get().submit(id, TIMEOUT, Duration.ZERO);
        sleepQuietly(Duration.ofMillis(200));
      }
      concurrent.decrementAndGet();
      if (attempt == 2) {
        secondEnded.countDown();
      }
    });
    self.set(backend);

    backend.submit(JobId.random(), TIMEOUT, Duration.ZERO);

    assertThat(secondEnded.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(maxConcurrent.get()).isEqualTo(1);
  }

  @Test
  void givenRunningJob_close_signalsCancellationAndReturnsWithinTheGracePeriod() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<RuntimeException> outcome = new AtomicReference<>();
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> {
      running.countDown();
      outcome.set(runUntilStopped(control, Duration.ofMinutes(1)));
    });
    backend.submit(JobId.random(), TIMEOUT, Duration.ZERO);
    assertThat(running.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    long start = System.nanoTime();
    backend.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE);
    assertThat(outcome.get()).isInstanceOf(RunCancelledException.class);
  }

  @Test
  void givenClosedBackend_submit_throwsBackendUnavailable() {
    JobBackend backend = started(1, Clock.systemUTC(), (id, control) -> { });
    backend.close();

    assertThatThrownBy(() -> backend.submit(JobId.random(), TIMEOUT, Duration.ZERO))
        .isInstanceOf(BackendUnavailableException.class);
  }

  /**
   * Simulates a long engine run: checkpoints every millisecond until the control stops it.
   *
   * @return the exception that stopped it, or null if it ran to its end
   */
  protected static RuntimeException runUntilStopped(RunControl control, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    double step = 0;
    try {
      while (System.nanoTime() < end) {
        control.checkpoint(step++, Double.MAX_VALUE);
        sleepQuietly(Duration.ofMillis(1));
      }
      return null;
    } catch (RunCancelledException | TimeoutException e) {
      return e;
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
