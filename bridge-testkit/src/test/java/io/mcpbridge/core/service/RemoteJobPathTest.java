package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job path across processes without a broker: the API builds the message from the registry,
 * it crosses as wire text, a worker runs it with the real engine and its reports cross back as
 * wire bytes into the recorder — delivered twice, as an at-least-once broker may.
 */
class RemoteJobPathTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);

  private BridgeFixture bridge;
  private JobReportRecorder recorder;

  @BeforeEach
  void setUp() {
    bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "sim", ALICE);
    recorder = new JobReportRecorder(bridge.registry, bridge.backend, bridge.notifier, bridge.audit, bridge.clock);
  }

  @Test
  void givenReportsDeliveredTwice_record_storesOneResultOneTerminalEventAndOneTerminalAuditRecord() {
    JobId id = submit(0);
    List<WorkerReport> reports = runOnWorker(crossTheWire(new RegistryJobMessages(bridge.registry).nextAttempt(id)),
        BridgeFixture.MODELS);

    reports.forEach(r -> recorder.record(crossTheWire(r)));
    reports.forEach(r -> recorder.record(crossTheWire(r)));

    Job job = bridge.registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(bridge.registry.findResult(job.resultId().orElseThrow())).isPresent();
    assertThat(bridge.registry.events(id, 0).stream().filter(e -> e.type() == JobEvent.Type.STATE).map(JobEvent::state))
        .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
    assertThat(bridge.audit.records().stream().map(r -> r.event().eventType()).filter(t -> t.startsWith("job.")))
        .containsExactly("job.running", "job.succeeded");
  }

  @Test
  void givenAnOverriddenParameter_theWorkerRunsTheSubmittedRevisionWithTheSameNumbersAsInProcess() {
    bridge.call("set_parameter_value", new SetParameterValueTool.Input("sim", "Organism|Central|Volume", 20, Optional.of("l"), Optional.empty(), Optional.empty()),
        ALICE, SetParameterValueTool.Output.class);
    JobId id = submit(0);
    JobMessage message = crossTheWire(new RegistryJobMessages(bridge.registry).nextAttempt(id));

    List<WorkerReport> reports = runOnWorker(message, BridgeFixture.MODELS);
    reports.forEach(r -> recorder.record(crossTheWire(r)));

    assertThat(message.revision()).isEqualTo(2);
    double[] remote = bridge.registry.findResult(bridge.registry.findJob(id).orElseThrow().resultId().orElseThrow())
        .orElseThrow().result().series().get(0).values();
    double[] local = bridge.engine.run(bridge.registry.findSimulation(new io.mcpbridge.core.model.SimulationId("sim"))
        .orElseThrow().spec(), RunControl.unbounded()).series().get(0).values();
    assertThat(remote).containsExactly(local);
  }

  @Test
  void givenAModelFileWithOtherBytesOnTheWorker_run_failsTheJobNamingBothHashes(@TempDir Path workerModels) throws Exception {
    JobId id = submit(0);
    JobMessage message = new RegistryJobMessages(bridge.registry).nextAttempt(id);
    Path copy = workerModels.resolve("one_compartment_iv_bolus.pkml");
    Files.writeString(copy, Files.readString(BridgeFixture.MODELS.resolve("one_compartment_iv_bolus.pkml")) + "\n<!-- edited -->\n");
    JobMessage elsewhere = new JobMessage(message.jobId(), message.attempt(), message.simulationId(), message.revision(),
        new io.mcpbridge.core.model.SimulationSpec(new io.mcpbridge.core.model.ModelRef(copy, message.spec().model().sha256()),
            message.spec().overrides(), message.spec().outputs(), message.spec().outputIntervals(), message.spec().solver(),
            message.spec().precision()), message.timeout(), message.correlationId(), message.chunk());

    runOnWorker(elsewhere, workerModels).forEach(recorder::record);

    Job job = bridge.registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failure().orElseThrow().message()).contains("refusing to run a different model")
        .contains(message.spec().model().sha256());
  }

  @Test
  void givenAModelOutsideTheWorkersDirectories_run_failsTheJobWithAClearReason(@TempDir Path elsewhere) {
    JobId id = submit(0);
    JobMessage message = new RegistryJobMessages(bridge.registry).nextAttempt(id);

    runOnWorker(message, elsewhere).forEach(recorder::record);

    Job job = bridge.registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failure().orElseThrow().message()).contains("cannot use the job's model");
  }

  @Test
  void givenARetryableFailure_record_requeuesWithBackoff_andALateReportOfTheOldAttemptChangesNothing() {
    JobId id = submit(1);
    recorder.record(WorkerReport.started(id, 1, "w1", bridge.clock.instant()));
    WorkerReport failed = WorkerReport.ended(id, 1, WorkerReport.Kind.FAILED, "w1", bridge.clock.instant(),
        new JobFailure("BackendUnavailable", "broker went away", true));

    recorder.record(failed);
    recorder.record(failed);
    recorder.record(WorkerReport.ended(id, 1, WorkerReport.Kind.CANCELLED, "w1", bridge.clock.instant(),
        new JobFailure("Cancelled", "late", false)));

    Job job = bridge.registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(bridge.backend.submissions()).hasSize(2);
    assertThat(bridge.backend.submissions().get(1).delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(new RegistryJobMessages(bridge.registry).nextAttempt(id).attempt()).isEqualTo(2);
  }

  @Test
  void givenCancellationRequestedWhileRunning_aSuccessReport_endsTheJobCancelledWithoutAResult() {
    JobId id = submit(0);
    List<WorkerReport> reports = runOnWorker(new RegistryJobMessages(bridge.registry).nextAttempt(id), BridgeFixture.MODELS);
    recorder.record(reports.get(0));
    bridge.call("cancel_job", new io.mcpbridge.core.service.tools.CancelJobTool.Input(id.value()), ALICE,
        io.mcpbridge.core.service.tools.CancelJobTool.Output.class);

    reports.subList(1, reports.size()).forEach(recorder::record);

    Job job = bridge.registry.findJob(id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.resultId()).isEmpty();
  }

  private JobId submit(int retries) {
    RunSimulationTool.Output out = bridge.call("run_simulation", new RunSimulationTool.Input("sim", Optional.empty(),
        Optional.empty(), Optional.of(retries), Optional.empty()), ALICE, RunSimulationTool.Output.class);
    return new JobId(out.jobId());
  }

  private List<WorkerReport> runOnWorker(JobMessage message, Path workerModels) {
    WorkerJobExecutor worker = new WorkerJobExecutor(new ModelAccess(List.of(workerModels), 10_000_000), bridge.engine,
        "w1", bridge.clock);
    List<WorkerReport> reports = new ArrayList<>();
    worker.run(message, RunControl.unbounded(), reports::add);
    return reports;
  }

  private static JobMessage crossTheWire(JobMessage m) {
    return JobMessageCodec.decode(JobMessageCodec.encode(m));
  }

  private static WorkerReport crossTheWire(WorkerReport r) {
    return WorkerReportCodec.decode(WorkerReportCodec.encode(r));
  }
}
