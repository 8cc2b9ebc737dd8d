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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
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
 * {@code rediss://} against a private TLS-only redis-server whose certificate a throwaway CA
 * (made with openssl in a temporary directory) signed: a job runs over TLS when
 * {@code JOB_BROKER_TLS_CA_FILE} names that CA, and the connection is refused with a clear error
 * when it names another CA.
 */
class TlsBrokerIT {
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/tls.pkml"), "4".repeat(64));
  private final Clock clock = Clock.systemUTC();
  @TempDir Path dir;
  private Process redis;
  private int port;

  @BeforeEach
  void startTlsRedis() throws Exception {
    makeCa("ca");
    makeCa("other-ca");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // Plain port 0: the server speaks TLS only.
    redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", "0", "--tls-port", Integer.toString(port),
        "--tls-cert-file", "server.pem", "--tls-key-file", "server.key", "--tls-ca-cert-file", "ca.pem",
        "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("TLS redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(20);
      }
    }
  }

  @AfterEach
  void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.destroy();
      if (!redis.waitFor(10, TimeUnit.SECONDS)) {
        redis.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void givenTheBrokersCa_aJobRunsOverTls() throws Exception {
    QueueSettings settings = settings("ca.pem");
    InMemoryJobRegistry registry = new InMemoryJobRegistry();
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice", clock.instant()));
    try (RedisJobBackend backend = RedisJobBackend.connect(settings, new RegistryJobMessages(registry), clock, "api");
        RedisWorker worker = RedisWorker.start(settings, (message, control, reports) -> {
          reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
          reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
              new SimulationResult(MODEL, new double[] {0}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
        }, clock, "worker-tls", 1)) {
      backend.start((id, control) -> { });
      backend.recordReports(new JobReportRecorder(registry, backend, new JobNotifier(), new InMemoryAuditSink(), clock));
      Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(1), clock.instant());
      registry.createJob(job, Optional.empty());
      backend.submit(job.id(), job.timeout(), Duration.ZERO);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (registry.findJob(job.id()).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(registry.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(backend.states()).containsEntry("jobBroker", "ok");
    }
  }

  @Test
  void givenAnotherCa_theConnectionIsRefusedWithAClearError() {
    QueueSettings settings = settings("other-ca.pem");
    assertThatThrownBy(() -> RedisJobBackend.connect(settings, id -> {
      throw new AssertionError("nothing is submitted");
    }, clock, "api"))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("TLS certificate was not accepted")
        .hasMessageContaining("JOB_BROKER_TLS_CA_FILE")
        .hasMessageNotContaining("rediss://");
  }

  @Test
  void givenTheJdkTrustStoreOnly_theThrowawayCaIsNotTrusted() {
    QueueSettings settings = new QueueSettings("rediss://127.0.0.1:" + port, Optional.empty(), LocalRedis.freshPrefix(),
        Duration.ofSeconds(2), Duration.ofMillis(50), 3, Duration.ofMillis(500), Duration.ofSeconds(2));
    assertThatThrownBy(() -> RedisQueueAdmin.connect(settings, clock))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("set JOB_BROKER_TLS_CA_FILE");
  }

  private QueueSettings settings(String ca) {
    return new QueueSettings("rediss://127.0.0.1:" + port, Optional.of(dir.resolve(ca)), LocalRedis.freshPrefix(),
        Duration.ofSeconds(2), Duration.ofMillis(50), 3, Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  private void makeCa(String name) throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
        "-out", name + ".pem", "-days", "2", "-subj", "/CN=Throwaway " + name);
  }

  private void openssl(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("openssl " + String.join(" ", args) + ": " + output).isZero();
  }
}
