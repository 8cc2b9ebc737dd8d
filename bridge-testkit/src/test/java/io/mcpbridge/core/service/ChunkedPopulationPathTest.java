package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.jobs.JobMessageCodec;
import io.mcpbridge.core.jobs.WorkerReportCodec;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.population.PopulationFiles;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.tools.CancelJobTool;
import io.mcpbridge.core.service.tools.LoadSimulationTool;
import io.mcpbridge.core.service.tools.RunPopulationSimulationTool;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import io.mcpbridge.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population job split into chunk messages, run by worker executors with the real engine, its
 * chunk reports crossing the wire back into the recorder out of order and twice, as an
 * at-least-once broker with several workers delivers them. The gathered files equal those of the
 * thread backend byte for byte.
 */
class ChunkedPopulationPathTest {
  private static final Principal OPERATOR = BridgeFixture.caller("olga", Role.OPERATOR);
  private static final String VOLUME = "Organism|Central|Volume";

  @TempDir Path storage;
  private final ManualClock clock = ManualClock.atFixedStart();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();
  private final ManualJobBackend backend = new ManualJobBackend(clock);
  private PkmlSimulationEngine engine;
  private PopulationJobStore store;
  private PopulationChunks chunks;
  private JobReportRecorder recorder;
  private ToolInvoker tools;

  @BeforeEach
  void start() {
    engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelAccess access = new ModelAccess(List.of(BridgeFixture.MODELS), 10_000_000);
    store = new PopulationJobStore(storage, UnitCatalog.standard());
    ToolCatalog catalog = BridgeTools.withPopulations(BridgeTools.standard(access, new ModelIndex(access), engine,
        registry, backend, UnitCatalog.standard(), BridgeFixture.DEFAULT_TIMEOUT, 0, clock), engine, registry, backend,
        store, UnitCatalog.standard(), BridgeFixture.DEFAULT_TIMEOUT, clock);
    JobNotifier notifier = new JobNotifier();
    backend.start(new JobRunner(registry, engine, backend, notifier, audit, clock,
        List.of(new PopulationJobWork(store, engine, UnitCatalog.standard(), 2))));
    chunks = new PopulationChunks(store, engine, registry, UnitCatalog.standard(), 10);
    recorder = new JobReportRecorder(registry, backend, notifier, audit, clock, List.of(chunks));
    tools = new ToolInvoker(catalog, new InMemoryAuditSink(), AuditSettings.FailMode.CLOSED, clock);
    call("load_simulation", new LoadSimulationTool.Input("one_compartment_iv_bolus.pkml", Optional.of("iv")),
        LoadSimulationTool.Output.class);
  }

  @Test
  void givenChunkReportsOutOfOrderAndTwice_theJobSucceedsOnceWithTheThreadBackendsFiles() throws Exception {
    JobId threaded = submit();
    backend.runNext();
    JobId chunked = submit();
    List<JobMessage> messages = new RegistryJobMessages(registry, List.of(chunks)).nextAttemptMessages(chunked);
    assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.attempt()).isEqualTo(1));
    assertThat(messages).extracting(m -> m.chunk().orElseThrow().index()).containsExactly(0, 1, 2);

    List<List<WorkerReport>> reports = new ArrayList<>();
    for (JobMessage m : messages) {
      reports.add(runOnWorker(crossTheWire(m)));
    }
    for (int c : new int[] {2, 0, 0, 1, 2, 1}) {
      reports.get(c).forEach(r -> recorder.record(crossTheWire(r)));
    }

    Job job = registry.findJob(chunked).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(registry.events(chunked, 0).stream().filter(e -> e.type() == JobEvent.Type.STATE).map(JobEvent::state))
        .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
    assertThat(registry.events(chunked, 0).stream().filter(e -> e.type() == JobEvent.Type.PROGRESS)
        .map(e -> e.progress().orElseThrow().simulatedTime()).toList()).contains(25.0).allMatch(d -> d <= 25.0);
    assertThat(audit.records().stream().filter(r -> r.event().eventType().equals("job.succeeded"))
        .filter(r -> r.event().jobId().orElse("").equals(chunked.value()))).hasSize(1);
    for (String file : PopulationFiles.ALL) {
      assertThat(Files.readAllBytes(store.resultsDirectory(chunked).resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(store.resultsDirectory(threaded).resolve(file)));
    }
    assertThat(store.resultsDirectory(chunked).getParent().resolve("chunks")).doesNotExist();
  }

  @Test
  void givenAChunkThatFails_theJobFailsWithItsReason_andTheOtherChunksAreToldToStop() {
    JobId id = submit();
    List<JobMessage> messages = new RegistryJobMessages(registry, List.of(chunks)).nextAttemptMessages(id);
    List<WorkerReport> first = runOnWorker(messages.get(0));
    JobMessage.Chunk second = messages.get(1).chunk().orElseThrow();

    recorder.record(first.get(0));
    recorder.record(WorkerReport.ended(id, 1, WorkerReport.Kind.FAILED, "w2", clock.instant(),
        new JobFailure("InteropError", "worker w2 ran out of disk", false)).ofChunk(second, new byte[0]));
    first.forEach(recorder::record);

    Job job = registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failure().orElseThrow().message()).isEqualTo("worker w2 ran out of disk");
    assertThat(backend.cancelled()).contains(id);
    assertThat(store.resultsDirectory(id)).doesNotExist();
  }

  @Test
  void givenCancellationWhileChunksRun_theNextChunkReportEndsTheJobCancelled() {
    JobId id = submit();
    List<JobMessage> messages = new RegistryJobMessages(registry, List.of(chunks)).nextAttemptMessages(id);
    List<WorkerReport> first = runOnWorker(messages.get(0));
    recorder.record(first.get(0));
    call("cancel_job", new CancelJobTool.Input(id.value()), CancelJobTool.Output.class);

    first.forEach(recorder::record);

    assertThat(registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(backend.cancelled()).contains(id);
    assertThat(store.resultsDirectory(id)).doesNotExist();
  }

  @Test
  void givenChunksReportedAMomentAgo_theReconcilersInterruptedReportIsIgnored_butNotOnceTheyFellSilent() {
    JobId id = submit();
    List<JobMessage> messages = new RegistryJobMessages(registry, List.of(chunks)).nextAttemptMessages(id);
    runOnWorker(messages.get(0)).forEach(recorder::record);
    WorkerReport interrupted = WorkerReport.ended(id, 1, WorkerReport.Kind.FAILED, "reconciler", clock.instant(),
        new JobFailure("interrupted", "no worker holds attempt 1 any more (its worker stopped)", true));

    recorder.record(interrupted);
    assertThat(registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

    clock.advance(java.time.Duration.ofMinutes(2));
    recorder.record(interrupted);
    assertThat(registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void givenAChunkReportAfterTheJobsTimeLimit_theJobTimesOut_andTheOtherChunksAreToldToStop() {
    JobId id = submit();
    List<JobMessage> messages = new RegistryJobMessages(registry, List.of(chunks)).nextAttemptMessages(id);
    runOnWorker(messages.get(0)).forEach(recorder::record);

    clock.advance(BridgeFixture.DEFAULT_TIMEOUT.plusSeconds(1));
    runOnWorker(messages.get(1)).forEach(recorder::record);

    Job job = registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.TIMED_OUT);
    assertThat(job.failure().orElseThrow().message()).contains("time limit");
    assertThat(backend.cancelled()).contains(id);
    assertThat(store.resultsDirectory(id)).doesNotExist();
  }

  private JobId submit() {
    RunPopulationSimulationTool.Input sampled = new RunPopulationSimulationTool.Input("iv", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(25), Optional.of(5L),
        Optional.of(List.of(VOLUME + "=lognormal(20, cv=0.2) l")), Optional.empty(), Optional.empty(),
        Optional.of(1.0), Optional.empty(), Optional.empty(), Optional.empty());
    return new JobId(call("run_population_simulation", sampled, RunPopulationSimulationTool.Output.class).jobId());
  }

  private List<WorkerReport> runOnWorker(JobMessage message) {
    WorkerJobExecutor worker = new WorkerJobExecutor(new ModelAccess(List.of(BridgeFixture.MODELS), 10_000_000),
        new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS), "w1", clock);
    List<WorkerReport> reports = new ArrayList<>();
    worker.run(message, RunControl.unbounded(), reports::add);
    return reports;
  }

  private <O extends Record> O call(String tool, Record input, Class<O> type) {
    return type.cast(tools.invoke(tool, input, BridgeFixture.as(OPERATOR), output -> Optional.of("digest")));
  }

  private static JobMessage crossTheWire(JobMessage m) {
    return JobMessageCodec.decode(JobMessageCodec.encode(m));
  }

  private static WorkerReport crossTheWire(WorkerReport r) {
    return WorkerReportCodec.decode(WorkerReportCodec.encode(r));
  }
}
