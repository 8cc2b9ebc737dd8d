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
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker outage with a redis-server of the test's own: while it is down a submit fails fast with
 * {@link BackendUnavailableException} and the job stays queued; once it is back — empty, without
 * persistence — the same backend, recorder and worker (nothing restarted) complete the accepted
 * job through the reconciler, and new submits succeed.
 */
class BrokerOutageIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/outage.pkml"), "1".repeat(64));
  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  @TempDir Path dir;
  private ThrowawayRedis redis;
  private RedisJobBackend backend;
  private RedisWorker worker;
  private JobReconciler reconciler;

  @BeforeEach
  void start() throws Exception {
    redis = ThrowawayRedis.start(dir);
    QueueSettings settings = new QueueSettings(redis.url(), Optional.empty(), "outage", Duration.ofSeconds(2),
        Duration.ofMillis(50), 3, Duration.ofMillis(500), Duration.ofSeconds(1));
    backend = RedisJobBackend.connect(settings, new RegistryJobMessages(registry), clock, "api");
    backend.start((id, control) -> { });
    JobReportRecorder recorder = new JobReportRecorder(registry, backend, new JobNotifier(), audit, clock);
    backend.recordReports(recorder);
    reconciler = new JobReconciler(registry, backend, backend, recorder, clock, Duration.ofMillis(300), Duration.ofMinutes(5));
    worker = RedisWorker.start(settings, (message, control, reports) -> {
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
          new SimulationResult(MODEL, new double[] {0}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
    }, clock, "worker-outage", 1);
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice", clock.instant()));
  }

  @AfterEach
  void stop() throws Exception {
    worker.close();
    backend.close();
    redis.close();
  }

  @Test
  void givenTheBrokerDown_submitFailsFastAndTheJobStaysQueued_thenTheBrokerReturnsEmptyAndEverythingCompletes()
      throws Exception {
    JobId before = queuedJob();
    backend.submit(before, Duration.ofMinutes(1), Duration.ZERO);
    awaitState(before, JobState.SUCCEEDED);

    redis.stop();
    JobId during = queuedJob();
    long start = System.nanoTime();
    assertThatThrownBy(() -> backend.submit(during, Duration.ofMinutes(1), Duration.ZERO))
        .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("broker is unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(backend.brokerReachable()).isFalse();
    assertThat(backend.states()).containsEntry("jobBroker", "unreachable");
    assertThat(registry.findJob(during).orElseThrow().state()).isEqualTo(JobState.QUEUED);

    redis.startAgain();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (registry.findJob(during).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
      try {
        reconciler.reconcile();
      } catch (BackendUnavailableException e) {
        // still reconnecting
      }
      Thread.sleep(200);
    }
    assertThat(registry.findJob(during).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    JobId after = queuedJob();
    backend.submit(after, Duration.ofMinutes(1), Duration.ZERO);
    awaitState(after, JobState.SUCCEEDED);
    assertThat(backend.brokerReachable()).isTrue();
    long healthy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!backend.states().get("jobWorkers").equals("ok") && System.nanoTime() < healthy) {
      Thread.sleep(100); // the worker's next heartbeat registers it in the emptied broker again
    }
    assertThat(backend.states()).containsEntry("jobBroker", "ok").containsEntry("jobWorkers", "ok");
  }

  private JobId queuedJob() {
    Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(1), clock.instant());
    registry.createJob(job, Optional.empty());
    return job.id();
  }

  private void awaitState(JobId id, JobState state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (registry.findJob(id).orElseThrow().state() != state && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(registry.findJob(id).orElseThrow().state()).as("job " + id).isEqualTo(state);
  }
}
