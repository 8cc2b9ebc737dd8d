package io.mcpbridge.jobs.thread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.testkit.JobBackendContract;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadJobBackendTest extends JobBackendContract {

  @Override
  protected JobBackend createBackend(int workers, Clock clock) {
    return new ThreadJobBackend(workers, clock, Duration.ofSeconds(2));
  }

  @Test
  void givenWorkers_run_attemptsRunOnTheNamedPoolThreadsOnly() throws Exception {
    Set<String> names = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(20);
    try (ThreadJobBackend backend = new ThreadJobBackend(2, Clock.systemUTC(), Duration.ofSeconds(1))) {
      backend.start((id, control) -> {
        names.add(Thread.currentThread().getName());
        done.countDown();
      });
      for (int i = 0; i < 20; i++) {
        backend.submit(JobId.random(), Duration.ofMinutes(1), Duration.ZERO);
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(names).isNotEmpty().allMatch(n -> n.matches("job-worker-[12]"));
  }

  @Test
  void whileAJobRunsItsIdIsInTheLoggingContextOfItsThread() throws Exception {
    JobId first = JobId.random();
    JobId second = JobId.random();
    Map<JobId, String> seen = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(2);
    try (ThreadJobBackend backend = new ThreadJobBackend(1, Clock.systemUTC(), Duration.ofSeconds(1))) {
      backend.start((id, control) -> {
        seen.put(id, String.valueOf(MDC.get(ThreadJobBackend.JOB_ID_MDC_KEY)));
        done.countDown();
      });
      backend.submit(first, Duration.ofMinutes(1), Duration.ZERO);
      backend.submit(second, Duration.ofMinutes(1), Duration.ZERO);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seen).containsEntry(first, first.value()).containsEntry(second, second.value());
  }

  @Test
  void givenHandlerThrowingAnError_worker_survivesAndRunsTheNextJob() throws Exception {
    JobId poisoned = JobId.random();
    JobId next = JobId.random();
    CountDownLatch nextRan = new CountDownLatch(1);
    try (ThreadJobBackend backend = new ThreadJobBackend(1, Clock.systemUTC(), Duration.ofSeconds(1))) {
      backend.start((id, control) -> {
        if (id.equals(poisoned)) {
          throw new OutOfMemoryError("simulated exhaustion");
        }
        nextRan.countDown();
      });
      backend.submit(poisoned, Duration.ofMinutes(1), Duration.ZERO);
      backend.submit(next, Duration.ofMinutes(1), Duration.ZERO);

      assertThat(nextRan.await(10, TimeUnit.SECONDS)).as("the only worker still runs jobs").isTrue();
    }
  }

  @Test
  void givenAttemptThatIgnoresCancellation_close_interruptsItAfterTheGracePeriod() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    ThreadJobBackend backend = new ThreadJobBackend(1, Clock.systemUTC(), Duration.ofMillis(200));
    backend.start((id, control) -> {
      running.countDown();
      try {
        Thread.sleep(60_000); // never checks its RunControl
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    backend.submit(JobId.random(), Duration.ofMinutes(1), Duration.ZERO);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    backend.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
    assertThat(interrupted).isTrue();
  }

  @Test
  void givenNotStartedBackend_submit_isRefused() {
    try (ThreadJobBackend backend = new ThreadJobBackend(1, Clock.systemUTC(), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> backend.submit(JobId.random(), Duration.ofMinutes(1), Duration.ZERO))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void givenNonPositiveTimeout_submit_isRefused() {
    try (ThreadJobBackend backend = new ThreadJobBackend(1, Clock.systemUTC(), Duration.ofSeconds(1))) {
      backend.start((id, control) -> { });
      assertThatThrownBy(() -> backend.submit(JobId.random(), Duration.ZERO, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
