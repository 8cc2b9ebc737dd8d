package io.mcpbridge.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote jobs end to end in one process against the local Redis: API-side backend and recorder,
 * a worker, an in-memory registry. Cancellation of a running job, a poison message that
 * exhausts its deliveries, and draining.
 */
class RemoteJobsIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/remote.pkml"), "2".repeat(64));
  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final String prefix = LocalRedis.freshPrefix();
  private final QueueSettings settings = LocalRedis.settings(prefix);
  private final AtomicInteger runs = new AtomicInteger();
  private RedisJobBackend backend;
  private RedisWorker worker;

  @BeforeEach
  void start() {
    backend = RedisJobBackend.connect(settings, new RegistryJobMessages(registry), clock, "api");
    backend.start((id, control) -> { });
    backend.recordReports(new JobReportRecorder(registry, backend, new JobNotifier(), audit, clock));
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice", clock.instant()));
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    backend.close();
    LocalRedis.deleteAll(prefix);
  }

  private void startWorker() {
    worker = RedisWorker.start(settings, (message, control, reports) -> {
      runs.incrementAndGet();
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      try {
        for (long step = 0; ; step++) { // a long run that checkpoints every millisecond
          control.checkpoint(step, Double.MAX_VALUE);
          Thread.sleep(1);
        }
      } catch (RunCancelledException e) {
        reports.accept(WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.CANCELLED, "w",
            clock.instant(), new JobFailure("Cancelled", "cancelled while running", false)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, clock, "worker-" + prefix, 1);
  }

  @Test
  void givenARunningRemoteJob_cancel_endsItCancelledWithinOneSecond() throws Exception {
    startWorker();
    JobId id = submit();
    awaitState(id, JobState.RUNNING, Duration.ofSeconds(10));

    long start = System.nanoTime();
    Job running = registry.findJob(id).orElseThrow();
    registry.updateJob(running.withCancelRequested(clock.instant()), Set.of(JobState.RUNNING), Optional.of("cancellation requested"));
    backend.cancel(id);
    awaitState(id, JobState.CANCELLED, Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(registry.findJob(id).orElseThrow().resultId()).isEmpty();
  }

  @Test
  void givenAMessageDeliveredMoreThanMaxDeliveries_theWorkerDeadLettersIt_andTheJobFails() throws Exception {
    JobId id = submit();
    RedisClient client = RedisClient.create(LocalRedis.URL);
    try (StatefulRedisConnection<String, String> ghost = client.connect()) {
      // Three deliveries to a consumer that never finishes (as if three workers died running it).
      List<StreamMessage<String, String>> taken = ghost.sync().xreadgroup(Consumer.from("workers", "ghost"),
          XReadArgs.StreamOffset.lastConsumed(prefix + ":jobs"));
      String entry = taken.get(0).getId();
      ghost.sync().xclaim(prefix + ":jobs", Consumer.from("workers", "ghost"), XClaimArgs.Builder.minIdleTime(0), entry);
      ghost.sync().xclaim(prefix + ":jobs", Consumer.from("workers", "ghost"), XClaimArgs.Builder.minIdleTime(0), entry);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    startWorker(); // takes it over after the lease: the fourth delivery
    awaitState(id, JobState.FAILED, Duration.ofSeconds(15));

    assertThat(registry.findJob(id).orElseThrow().failure().orElseThrow().code()).isEqualTo("DeadLettered");
    assertThat(runs.get()).isZero();
    try (RedisQueueAdmin admin = RedisQueueAdmin.connect(settings, clock)) {
      assertThat(admin.deadLetters(10)).singleElement().satisfies(d -> {
        assertThat(d.jobId()).contains(id.value());
        assertThat(d.reason()).contains("delivered 4 times");
      });
      assertThat(admin.stats().dead()).isEqualTo(1);
    }
  }

  @Test
  void givenADrainedQueue_workersTakeNothingUntilResumed() throws Exception {
    startWorker();
    try (RedisQueueAdmin admin = RedisQueueAdmin.connect(settings, clock)) {
      admin.drain(true);
      Thread.sleep(500); // the worker's loop notices the drain
      JobId id = submit();
      Thread.sleep(1500);
      assertThat(registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
      RedisQueueAdmin.Stats stats = admin.stats();
      assertThat(stats.draining()).isTrue();
      assertThat(stats.waiting()).isEqualTo(1);
      assertThat(stats.workers()).containsExactly("worker-" + prefix);

      admin.drain(false);
      awaitState(id, JobState.RUNNING, Duration.ofSeconds(10));
    }
  }

  private JobId submit() {
    Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(5), clock.instant());
    registry.createJob(job, Optional.empty());
    backend.submit(job.id(), job.timeout(), Duration.ZERO);
    return job.id();
  }

  private void awaitState(JobId id, JobState state, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (registry.findJob(id).orElseThrow().state() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(registry.findJob(id).orElseThrow().state()).as("job " + id).isEqualTo(state);
  }
}
