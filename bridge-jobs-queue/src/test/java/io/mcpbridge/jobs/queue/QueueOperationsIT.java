package io.mcpbridge.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.port.WorkerMetrics;
import io.mcpbridge.core.service.DeadLetterRequeuer;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What an operator relies on, against the local Redis: requeueing dead letters through the API,
 * the queue and worker measurements, and the job and correlation ids in the worker's logging
 * context.
 */
class QueueOperationsIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/ops.pkml"), "3".repeat(64));
  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final String prefix = LocalRedis.freshPrefix();
  private final QueueSettings settings = LocalRedis.settings(prefix);
  private final AtomicInteger runs = new AtomicInteger();
  private final List<String> contexts = new CopyOnWriteArrayList<>();
  private final Recording measured = new Recording();
  private RedisJobBackend backend;
  private RedisWorker worker;

  @BeforeEach
  void start() {
    backend = RedisJobBackend.connect(settings, new RegistryJobMessages(registry), clock, "api");
    backend.start((id, control) -> { });
    JobNotifier notifier = new JobNotifier();
    backend.recordReports(new JobReportRecorder(registry, backend, notifier, audit, clock));
    backend.applyRequeues(new DeadLetterRequeuer(registry, backend, notifier, audit, clock));
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
      contexts.add(MDC.get("jobId") + " " + MDC.get("correlationId"));
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
          new SimulationResult(MODEL, new double[] {0}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
    }, clock, "worker-" + prefix, 2, new QueueInstruments(measured, measured, measured));
  }

  @Test
  void givenADeadLetteredJob_requeue_runsItAgainAsANewAttempt_andOnlyOnce() throws Exception {
    JobId id = submit();
    deliverThreeTimesToAGhost();
    startWorker(); // the fourth delivery: dead-lettered without running
    awaitState(id, JobState.FAILED, Duration.ofSeconds(15));
    assertThat(runs.get()).isZero();
    assertThat(measured.deadLettered.get()).isEqualTo(1);

    try (RedisQueueAdmin admin = RedisQueueAdmin.connect(settings, clock)) {
      List<RedisQueueAdmin.Requeued> first = admin.requeue(Optional.of(id.value()), "ops@host", Duration.ofSeconds(10));
      assertThat(first).singleElement().satisfies(r -> {
        assertThat(r.requeued()).as(r.message()).isTrue();
        assertThat(r.message()).contains("attempt 2");
      });
      awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(15));
      assertThat(registry.findJob(id).orElseThrow().attempts()).isEqualTo(2);
      assertThat(registry.findJob(id).orElseThrow().failure()).isEmpty();
      assertThat(admin.deadLetters(10)).isEmpty();

      List<RedisQueueAdmin.Requeued> again = admin.requeue(Optional.of(id.value()), "ops@host", Duration.ofSeconds(10));
      assertThat(again).singleElement().satisfies(r -> {
        assertThat(r.requeued()).isFalse();
        assertThat(r.message()).contains("not in the dead-letter queue");
      });
    }
    assertThat(runs.get()).isEqualTo(1);
    assertThat(audit.records().stream().filter(r -> r.event().eventType().equals("job.requeued")))
        .singleElement().satisfies(r -> assertThat(r.event().summary()).containsEntry("requestedBy", "ops@host"));
  }

  @Test
  void givenADeadLetterOfAJobThatIsNotFailed_theApiRefusesTheRequeue_andChangesNothing() throws Exception {
    JobId id = submit();
    RedisClient client = RedisClient.create(LocalRedis.URL);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      // A dead letter whose job the registry holds as queued (e.g. a leftover of a purged stream).
      List<StreamMessage<String, String>> taken = c.sync().xreadgroup(Consumer.from("workers", "ghost"),
          XReadArgs.StreamOffset.lastConsumed(prefix + ":jobs"));
      c.sync().xadd(prefix + ":dead", Map.of("job", taken.get(0).getBody().get("job"), "reason", "test", "at", "now"));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
    try (RedisQueueAdmin admin = RedisQueueAdmin.connect(settings, clock)) {
      List<RedisQueueAdmin.Requeued> result = admin.requeue(Optional.empty(), "ops@host", Duration.ofSeconds(10));
      assertThat(result).singleElement().satisfies(r -> {
        assertThat(r.requeued()).isFalse();
        assertThat(r.message()).contains("is queued, not failed");
      });
      assertThat(admin.deadLetters(10)).hasSize(1);
    }
    assertThat(registry.findJob(id).orElseThrow().attempts()).isZero();
    assertThat(audit.records().stream().filter(r -> r.event().eventType().equals("job.requeued"))).isEmpty();
  }

  @Test
  void theApiMeasuresDepthAndAgeWhileNoWorkerRuns_andTheWorkerMeasuresWhatItProcessed() throws Exception {
    Recording api = new Recording();
    backend.measure(api, api);
    assertThat(api.gauge("connected")).isEqualTo(1);
    assertThat(api.gauge("depth")).isZero();

    MDC.put("correlationId", "req-42");
    JobId first;
    try {
      first = submit();
    } finally {
      MDC.remove("correlationId");
    }
    submit();
    submit();
    Thread.sleep(2100); // the oldest message ages past two seconds (readings are cached for one)
    assertThat(api.gauge("depth")).isEqualTo(3);
    assertThat(api.gauge("oldest")).isBetween(2L, 10L);
    assertThat(api.gauge("live")).isZero();
    assertThat(api.published.get()).isEqualTo(3);

    startWorker();
    awaitState(first, JobState.SUCCEEDED, Duration.ofSeconds(15));
    for (Job j : registry.jobsInStates(java.util.Set.of(JobState.QUEUED, JobState.RUNNING))) {
      awaitState(j.id(), JobState.SUCCEEDED, Duration.ofSeconds(15));
    }
    Thread.sleep(1100);
    assertThat(api.gauge("depth")).isZero();
    assertThat(api.gauge("oldest")).isZero();
    assertThat(api.gauge("live")).isEqualTo(1);
    assertThat(measured.processed).containsEntry("worker-" + prefix + "/succeeded", 3);
    assertThat(measured.gauge("slots")).isEqualTo(2);
    assertThat(measured.gauge("busy")).isZero();
    assertThat(measured.gauge("connected")).isEqualTo(1);
    assertThat(measured.suppliers).doesNotContainKey("depth"); // the API owns the queue's depth
    // Job and correlation ids in the worker's logging context; the request's correlation id travelled.
    assertThat(contexts).contains(first.value() + " req-42");
    assertThat(contexts).allSatisfy(c -> assertThat(c).doesNotContain("null"));
  }

  private void deliverThreeTimesToAGhost() {
    RedisClient client = RedisClient.create(LocalRedis.URL);
    try (StatefulRedisConnection<String, String> ghost = client.connect()) {
      List<StreamMessage<String, String>> taken = ghost.sync().xreadgroup(Consumer.from("workers", "ghost"),
          XReadArgs.StreamOffset.lastConsumed(prefix + ":jobs"));
      String entry = taken.get(0).getId();
      ghost.sync().xclaim(prefix + ":jobs", Consumer.from("workers", "ghost"), XClaimArgs.Builder.minIdleTime(0), entry);
      ghost.sync().xclaim(prefix + ":jobs", Consumer.from("workers", "ghost"), XClaimArgs.Builder.minIdleTime(0), entry);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
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

  /** A fake of the measurement ports that keeps what was registered and counted. */
  private static final class Recording implements QueueMetrics, WorkerMetrics, JobMetrics {
    final Map<String, LongSupplier> suppliers = new ConcurrentHashMap<>();
    final Map<String, Integer> processed = new ConcurrentHashMap<>();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger published = new AtomicInteger();

    long gauge(String name) {
      return suppliers.get(name).getAsLong();
    }

    @Override
    public void observe(LongSupplier depth, LongSupplier oldestAgeSeconds, LongSupplier pending, BooleanSupplier connected) {
      suppliers.put("depth", depth);
      suppliers.put("oldest", oldestAgeSeconds);
      suppliers.put("pending", pending);
      observeBroker(connected);
    }

    @Override
    public void observeBroker(BooleanSupplier connected) {
      suppliers.put("connected", () -> connected.getAsBoolean() ? 1 : 0);
    }

    @Override
    public void published(Duration latency) {
      published.incrementAndGet();
    }

    @Override
    public void observe(LongSupplier busySlots, LongSupplier slots, LongSupplier liveWorkers,
        LongSupplier oldestHeartbeatAgeSeconds) {
      suppliers.put("busy", busySlots);
      suppliers.put("slots", slots);
      observeFleet(liveWorkers, oldestHeartbeatAgeSeconds);
    }

    @Override
    public void observeFleet(LongSupplier liveWorkers, LongSupplier oldestHeartbeatAgeSeconds) {
      suppliers.put("live", liveWorkers);
      suppliers.put("heartbeatAge", oldestHeartbeatAgeSeconds);
    }

    @Override
    public void processed(String worker, String outcome) {
      processed.merge(worker + "/" + outcome, 1, Integer::sum);
    }

    @Override
    public void deadLettered() {
      deadLettered.incrementAndGet();
    }
  }
}
