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
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code amqps://} against a rabbitmq-server of the test's own whose only listener is TLS, with a
 * certificate from a throwaway CA: a job crosses the broker when the CA file is configured, and
 * the connection is refused with another CA, with the JDK's trust store, and in plain text.
 */
class RabbitTlsIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/tls.pkml"), "4".repeat(64));
  private static Path dir;
  private static ThrowawayRabbit.Pki pki;
  private static ThrowawayRabbit.Pki otherPki;
  private static ThrowawayRabbit rabbit;
  private final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void startBroker() throws Exception {
    dir = Files.createTempDirectory("bridge-rabbit-tls");
    pki = ThrowawayRabbit.Pki.create(dir.resolve("pki"), "good");
    otherPki = ThrowawayRabbit.Pki.create(dir.resolve("pki"), "other");
    rabbit = ThrowawayRabbit.startTls(dir, pki);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (rabbit != null) {
      rabbit.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private QueueSettings settings(String scheme, Optional<Path> ca) {
    return new QueueSettings(scheme + "://guest:guest@localhost:" + rabbit.port, ca, "tls", Duration.ofSeconds(2),
        Duration.ofMillis(50), 3, Duration.ofMillis(500), Duration.ofSeconds(5));
  }

  @Test
  void givenTheBrokersCa_aJobCrossesTheTlsBroker() throws Exception {
    InMemoryJobRegistry registry = new InMemoryJobRegistry();
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice", clock.instant()));
    QueueSettings settings = settings("amqps", Optional.of(pki.caCert()));
    try (RabbitJobBackend backend = RabbitJobBackend.connect(settings, new RegistryJobMessages(registry), clock);
        RabbitWorker worker = RabbitWorker.start(settings, (message, control, reports) -> {
          reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
          reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
              new SimulationResult(MODEL, new double[] {0}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
        }, clock, "tls-worker", 1)) {
      backend.start((id, control) -> { });
      backend.recordReports(new JobReportRecorder(registry, backend, new JobNotifier(), new InMemoryAuditSink(), clock));
      Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(1), clock.instant());
      registry.createJob(job, Optional.empty());
      backend.submit(job.id(), job.timeout(), Duration.ZERO);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (registry.findJob(job.id()).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(registry.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(backend.brokerReachable()).isTrue();
    }
  }

  @Test
  void givenAnotherCa_orTheJdkTrustStore_orPlainText_theConnectionIsRefused_withoutTheUrlInTheMessage() {
    RegistryJobMessages messages = new RegistryJobMessages(new InMemoryJobRegistry());
    assertThatThrownBy(() -> RabbitJobBackend.connect(settings("amqps", Optional.of(otherPki.caCert())), messages, clock))
        .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("guest");
    assertThatThrownBy(() -> RabbitJobBackend.connect(settings("amqps", Optional.empty()), messages, clock))
        .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("guest");
    assertThatThrownBy(() -> RabbitJobBackend.connect(settings("amqp", Optional.empty()), messages, clock))
        .isInstanceOf(BackendUnavailableException.class).hasMessageNotContaining("guest");
  }
}
