package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobReports;
import io.mcpbridge.core.port.RemoteJobHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every broker behind {@code JOB_BACKEND=queue} passes, whatever its transport: the
 * API side (publish, cancel, record reports) and workers in the same test process, against a real
 * broker under names of the test's own, with the core's recorder and reconciler and an in-memory
 * registry. A subclass supplies a {@link Broker} per test.
 *
 * <p>What it pins down: a job submitted is run and recorded once; a message delivered twice is
 * recorded once; a cancelled queued job never starts and a running one ends cancelled within one
 * second; a message that keeps killing workers is dead-lettered after the delivery budget and its
 * job fails; a dead worker's job is taken over; a submit while the broker is unreachable fails
 * fast with {@link BackendUnavailableException}, the job stays queued, and the reconciler publishes
 * it once the broker is back.
 */
public abstract class BrokerContract {
  /** Deliveries of one message before it is dead-lettered, in every {@link Broker}. */
  protected static final int MAX_DELIVERIES = 3;
  private static final ModelRef MODEL = new ModelRef(Path.of("/models/contract.pkml"), "3".repeat(64));

  /** The API side of a broker backend, as the composition root sees it. */
  public interface ApiSide extends AutoCloseable {
    /** The backend: submit and cancel. */
    JobBackend backend();

    /** What the broker knows, for the reconciler. */
    BrokerJobState state();

    /** Starts recording reports. */
    void recordReports(JobReports reports);

    @Override
    void close();
  }

  /** A worker process's transport loop. */
  public interface WorkerProcess extends AutoCloseable {
    /** Dies at once, as with {@code kill -9}: nothing more is acknowledged or reported. */
    void kill();

    @Override
    void close();
  }

  /**
   * One test's broker: a real broker under names of its own (deleted by {@link #close}), with
   * short leases and polls, a delivery budget of {@link #MAX_DELIVERIES}, the API side connected
   * through a {@link FaultProxy} the test can cut, workers connected directly.
   */
  public interface Broker extends AutoCloseable {
    /** Connects the API side (through the fault proxy). */
    ApiSide api(JobMessageSource messages, Clock clock);

    /** Starts a worker. */
    WorkerProcess worker(RemoteJobHandler handler, Clock clock, String workerId, int concurrency);

    /** Publishes a job message straight into the jobs queue, bypassing the API side (a duplicate). */
    void publishRaw(JobMessage message);

    /** Job ids of the dead letters. */
    List<String> deadLetterJobIds();

    /** Makes the broker unreachable for the API side, or reachable again. */
    void reachable(boolean reachable);

    @Override
    void close();
  }

  /**
   * The core's services the contract runs with: {@code RegistryJobMessages},
   * {@code JobReportRecorder} and {@code JobReconciler}. Supplied by the module under test, since
   * the testkit, like any adapter, reaches the core through its ports only.
   */
  public interface CoreServices {
    /** Builds job messages from the registry. */
    JobMessageSource messages(JobRegistry registry);

    /** Records worker reports into the registry and the audit trail. */
    JobReports recorder(JobRegistry registry, JobBackend backend, AuditSink audit, Clock clock);

    /** One reconciliation round per run, with a settle time of 300 ms. */
    Runnable reconciler(JobRegistry registry, JobBackend backend, BrokerJobState state, JobReports reports, Clock clock);
  }

  /** A fresh broker for one test. */
  protected abstract Broker broker() throws Exception;

  /** The core's services. */
  protected abstract CoreServices services();

  private final Clock clock = Clock.systemUTC();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final AtomicInteger runs = new AtomicInteger();
  private Broker broker;
  private ApiSide api;
  private JobReports recorder;

  @BeforeEach
  void connect() throws Exception {
    broker = broker();
    api = broker.api(services().messages(registry), clock);
    api.backend().start((id, control) -> { });
    recorder = services().recorder(registry, api.backend(), audit, clock);
    api.recordReports(recorder);
    registry.saveSimulation(new StoredSimulation(new SimulationId("sim"), 1, SimulationSpec.of(MODEL), "alice",
        clock.instant()));
  }

  @AfterEach
  void disconnect() {
    try {
      api.close();
    } finally {
      broker.close();
    }
  }

  /** Reports started and succeeded. */
  private RemoteJobHandler succeeding() {
    return (message, control, reports) -> {
      runs.incrementAndGet();
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      reports.accept(WorkerReport.progress(message.jobId(), message.attempt(), "w", clock.instant(),
          new JobEvent.Progress(0.5, 1.0)));
      reports.accept(WorkerReport.succeeded(message.jobId(), message.attempt(), "w", clock.instant(),
          new SimulationResult(MODEL, new double[] {0, 1}, List.of(), new RunStatistics(0, 0, 0, 0, 0, Duration.ZERO))));
    };
  }

  /** Reports started, then runs until cancelled (checkpoint every millisecond). */
  private RemoteJobHandler runningUntilCancelled(CountDownLatch started) {
    return (message, control, reports) -> {
      runs.incrementAndGet();
      reports.accept(WorkerReport.started(message.jobId(), message.attempt(), "w", clock.instant()));
      started.countDown();
      try {
        for (long step = 0; ; step++) {
          control.checkpoint(step, Double.MAX_VALUE);
          Thread.sleep(1);
        }
      } catch (RunCancelledException e) {
        reports.accept(WorkerReport.ended(message.jobId(), message.attempt(), WorkerReport.Kind.CANCELLED, "w",
            clock.instant(), new JobFailure("Cancelled", "cancelled while running", false)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void givenAWorker_submit_runsTheJobOnce_andRecordsOneResultAndOneTerminalAuditRecord() throws Exception {
    try (WorkerProcess worker = broker.worker(succeeding(), clock, "w1", 2)) {
      JobId id = submit();
      awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
      Thread.sleep(300); // anything late would arrive now

      assertThat(runs.get()).isEqualTo(1);
      assertOneResultAndOneTerminalRecord(id, JobState.SUCCEEDED);
      assertThat(registry.events(id, 0)).extracting(JobEvent::type).contains(JobEvent.Type.PROGRESS);
    }
  }

  @Test
  void givenTheSameMessageDeliveredTwice_bothRun_butTheJobRecordsOneResultAndOneTerminalAuditRecord() throws Exception {
    JobId id = submit();
    broker.publishRaw(services().messages(registry).nextAttempt(id));
    try (WorkerProcess one = broker.worker(succeeding(), clock, "w1", 1);
        WorkerProcess two = broker.worker(succeeding(), clock, "w2", 1)) {
      awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(20));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (runs.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300);

      assertThat(runs.get()).isEqualTo(2);
      assertOneResultAndOneTerminalRecord(id, JobState.SUCCEEDED);
    }
  }

  @Test
  void givenAQueuedJobCancelledBeforeAnyWorkerTookIt_itNeverStarts() throws Exception {
    JobId id = submit();
    cancel(id);
    try (WorkerProcess worker = broker.worker(succeeding(), clock, "w1", 1)) {
      awaitState(id, JobState.CANCELLED, Duration.ofSeconds(20));
      Thread.sleep(500);

      assertThat(runs.get()).isZero();
      assertThat(registry.events(id, 0)).extracting(JobEvent::state).doesNotContain(JobState.RUNNING);
      assertOneResultAndOneTerminalRecord(id, JobState.CANCELLED);
    }
  }

  @Test
  void givenARunningRemoteJob_cancel_endsItCancelledWithinOneSecond() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (WorkerProcess worker = broker.worker(runningUntilCancelled(started), clock, "w1", 1)) {
      JobId id = submit();
      awaitState(id, JobState.RUNNING, Duration.ofSeconds(20));
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      cancel(id);
      awaitState(id, JobState.CANCELLED, Duration.ofSeconds(5));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(registry.findJob(id).orElseThrow().resultId()).isEmpty();
    }
  }

  @Test
  void givenAMessageThatKillsEveryWorkerRunningIt_itIsDeadLetteredAfterTheBudget_andTheJobFails() throws Exception {
    JobId id = submit();
    for (int delivery = 1; delivery <= MAX_DELIVERIES; delivery++) {
      CountDownLatch started = new CountDownLatch(1);
      WorkerProcess victim = broker.worker(runningUntilCancelled(started), clock, "victim-" + delivery, 1);
      assertThat(started.await(20, TimeUnit.SECONDS)).as("delivery " + delivery).isTrue();
      victim.kill();
    }
    try (WorkerProcess survivor = broker.worker(succeeding(), clock, "survivor", 1)) {
      awaitState(id, JobState.FAILED, Duration.ofSeconds(20));

      assertThat(registry.findJob(id).orElseThrow().failure().orElseThrow().code()).isEqualTo("DeadLettered");
      assertThat(runs.get()).isEqualTo(MAX_DELIVERIES);
      assertThat(broker.deadLetterJobIds()).containsExactly(id.value());
    }
  }

  @Test
  void givenAWorkerKilledWhileRunningAJob_anotherWorkerTakesItOver_andTheJobSucceedsOnce() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    WorkerProcess first = broker.worker(runningUntilCancelled(started), clock, "first", 1);
    JobId id = submit();
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    awaitState(id, JobState.RUNNING, Duration.ofSeconds(10));
    first.kill();

    try (WorkerProcess second = broker.worker(succeeding(), clock, "second", 1)) {
      awaitState(id, JobState.SUCCEEDED, Duration.ofSeconds(30));
      assertOneResultAndOneTerminalRecord(id, JobState.SUCCEEDED);
      assertThat(registry.findJob(id).orElseThrow().attempts()).isEqualTo(1);
    }
  }

  @Test
  void givenTheBrokerUnreachable_submitFailsFastAndTheJobStaysQueued_andTheReconcilerPublishesItOnceItIsBack()
      throws Exception {
    Runnable reconciler = services().reconciler(registry, api.backend(), api.state(), recorder, clock);
    try (WorkerProcess worker = broker.worker(succeeding(), clock, "w1", 1)) {
      broker.reachable(false);
      Job job = queuedJob();
      long start = System.nanoTime();
      assertThatThrownBy(() -> api.backend().submit(job.id(), job.timeout(), Duration.ZERO))
          .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("broker is unavailable")
          .hasMessageNotContaining("://");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
      assertThat(registry.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);

      broker.reachable(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (registry.findJob(job.id()).orElseThrow().state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
        try {
          reconciler.run();
        } catch (BackendUnavailableException e) {
          // still reconnecting
        }
        Thread.sleep(200);
      }
      assertOneResultAndOneTerminalRecord(job.id(), JobState.SUCCEEDED);
    }
  }

  private Job queuedJob() {
    Job job = Job.queued(JobId.random(), "alice", new SimulationId("sim"), 1, 0, Duration.ofMinutes(5), clock.instant());
    registry.createJob(job, Optional.empty());
    return job;
  }

  private JobId submit() {
    Job job = queuedJob();
    api.backend().submit(job.id(), job.timeout(), Duration.ZERO);
    return job.id();
  }

  /** What the cancel tool does: mark the job, then tell the broker. */
  private void cancel(JobId id) {
    Job job = registry.findJob(id).orElseThrow();
    registry.updateJob(job.withCancelRequested(clock.instant()), Set.of(job.state()), Optional.of("cancellation requested"));
    api.backend().cancel(id);
  }

  private void assertOneResultAndOneTerminalRecord(JobId id, JobState terminal) {
    Job job = registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(terminal);
    assertThat(registry.events(id, 0)).filteredOn(e -> e.state() == terminal).hasSize(1);
    assertThat(audit.records()).filteredOn(r -> r.event().eventType().equals("job." + terminal.wireName())
        && r.event().correlationId().equals("job-" + id.value())).hasSize(1);
    if (terminal == JobState.SUCCEEDED) {
      assertThat(registry.findResult(job.resultId().orElseThrow())).isPresent();
    }
  }

  private void awaitState(JobId id, JobState state, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (registry.findJob(id).orElseThrow().state() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(registry.findJob(id).orElseThrow().state()).as("job " + id).isEqualTo(state);
  }
}
