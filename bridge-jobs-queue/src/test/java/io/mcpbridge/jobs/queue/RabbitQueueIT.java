package io.mcpbridge.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
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
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReconciler;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.FaultProxy;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is RabbitMQ's own beyond the broker contract, on the machine's broker under a fresh prefix:
 * a broker that comes back without its data (every queue of the deployment deleted while API and
 * worker were cut off) without restarting anything, draining with {@code bridge queue}'s admin and
 * its statistics, and delayed retries through the per-delay queues.
 */
class RabbitQueueIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/rabbit.pkml"), "5".repeat(64));
  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final String prefix = LocalRabbit.freshPrefix();
  private final Map<String, Instant> started = new ConcurrentHashMap<>();
  private FaultProxy proxy;
  private QueueSettings settings;
  private RabbitJobBackend backend;
  private RabbitWorker worker;
  private JobReconciler reconciler;

  @BeforeEach
  void start() throws Exception {
    proxy = FaultProxy.start("127.0.0.1", LocalRabbit.PORT);
    settings = LocalRabbit.settings("amqp://guest:guest@127.0.0.1:" + proxy.port(), prefix);
    backend = RabbitJobBackend.connect(settings, new RegistryJobMessages(registry), clock);
    backend.start((id, control) -> { });
    JobReportRecorder recorder = new JobReportRecorder(registry, backend, new JobNotifier(), new InMemoryAuditSink(), clock);
    backend.recordReports(recorder);
    reconciler = new JobReconciler(registry, backend, backend, recorder, clock, Duration.ofMillis(300), Duration.ofMinutes(5));
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice", clock.instant()));
    worker = RabbitWorker.start(settings, (message, control, reports) -> {
      started.put(message.jobId().value(), Instant.now());
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
          new SimulationResult(MODEL, new double[] {0}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
    }, clock, "worker-" + prefix, 1);
  }

  @AfterEach
  void stop() {
    try {
      worker.close();
      backend.close();
      proxy.close();
    } finally {
      LocalRabbit.deleteAll(prefix);
    }
  }

  @Test
  void givenTheBrokerBackWithoutItsData_nothingRestarted_theReconcilerRepublishes_andJobsComplete() throws Exception {
    JobId before = submit(Duration.ZERO);
    awaitState(before, JobState.SUCCEEDED, Duration.ofSeconds(20));

    proxy.cut();
    LocalRabbit.deleteAll(prefix); // the broker "restarted" empty while nobody could reach it
    JobId during = queuedJob();
    assertThatThrownBy(() -> backend.submit(during, Duration.ofMinutes(1), Duration.ZERO))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(backend.states()).containsEntry("jobBroker", "unreachable");

    proxy.restore();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (registry.findJob(during).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
      try {
        reconciler.reconcile();
      } catch (BackendUnavailableException e) {
        // still reconnecting
      }
      Thread.sleep(200);
    }
    assertThat(registry.findJob(during).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    JobId after = submit(Duration.ZERO);
    awaitState(after, JobState.SUCCEEDED, Duration.ofSeconds(20));
    awaitHealthy();
  }

  @Test
  void givenADrainedQueue_workersTakeNothingUntilResumed_andStatsShowDepthWorkersAndDrain() throws Exception {
    try (RabbitQueueAdmin admin = RabbitQueueAdmin.connect(LocalRabbit.settings(LocalRabbit.URL, prefix), clock)) {
      admin.drain(true);
      Thread.sleep(1000); // the worker's next beat notices the drain
      JobId id = submit(Duration.ZERO);
      Thread.sleep(1000);
      assertThat(registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);
      QueueAdmin.Stats stats = admin.stats();
      assertThat(stats.draining()).isTrue();
      assertThat(stats.waiting()).isEqualTo(1);
      assertThat(stats.workers()).containsExactly("worker-" + prefix);
      assertThat(stats.oldestAge()).isEmpty();

      admin.drain(false);
      awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(10));
      assertThat(admin.stats().draining()).isFalse();
    }
  }

  @Test
  void givenADelayedRetry_itWaitsInItsDelayQueue_thenRuns() throws Exception {
    Instant submitted = Instant.now();
    JobId id = submit(Duration.ofMillis(1500));
    try (RabbitQueueAdmin admin = RabbitQueueAdmin.connect(LocalRabbit.settings(LocalRabbit.URL, prefix), clock)) {
      assertThat(admin.stats().delayed()).isEqualTo(1);
    }
    awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
    assertThat(Duration.between(submitted, started.get(id.value()))).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }

  private void awaitHealthy() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!backend.states().equals(Map.of("jobBroker", "ok", "jobWorkers", "ok")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(backend.states()).containsEntry("jobBroker", "ok").containsEntry("jobWorkers", "ok");
  }

  private Job queuedJobRecord() {
    Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(1), clock.instant());
    registry.createJob(job, Optional.empty());
    return job;
  }

  private JobId queuedJob() {
    return queuedJobRecord().id();
  }

  private JobId submit(Duration delay) {
    Job job = queuedJobRecord();
    backend.submit(job.id(), job.timeout(), delay);
    return job.id();
  }

  private void awaitState(JobId id, JobState state, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (registry.findJob(id).orElseThrow().state() != state && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(registry.findJob(id).orElseThrow().state()).as("job " + id).isEqualTo(state);
  }
}
