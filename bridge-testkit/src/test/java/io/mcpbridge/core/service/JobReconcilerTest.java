package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry decides: lost queued messages are republished, abandoned attempts end interrupted. */
class JobReconcilerTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration LEASE_GRACE = Duration.ofSeconds(90);

  private BridgeFixture bridge;
  private final Set<JobId> waiting = new HashSet<>();
  private final Set<JobId> leased = new HashSet<>();
  private boolean caughtUp = true;
  private JobReportRecorder recorder;
  private JobReconciler reconciler;

  @BeforeEach
  void setUp() {
    bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "sim", ALICE);
    BrokerJobState broker = new BrokerJobState() {
      @Override
      public boolean hasWaitingMessage(JobId id) {
        return waiting.contains(id);
      }

      @Override
      public boolean isLeased(JobId id) {
        return leased.contains(id);
      }

      @Override
      public boolean reportsCaughtUp() {
        return caughtUp;
      }
    };
    recorder = new JobReportRecorder(bridge.registry, bridge.backend, bridge.notifier, bridge.audit, bridge.clock);
    reconciler = new JobReconciler(bridge.registry, bridge.backend, broker, recorder, bridge.clock, SETTLE, LEASE_GRACE);
  }

  @Test
  void givenAQueuedJobWithoutMessage_reconcile_republishesItOnlyAfterItSettled() {
    JobId id = submit(0);
    int submittedBefore = bridge.backend.submissions().size();

    assertThat(reconciler.reconcile().republished()).as("a submit may still be in flight").isZero();
    bridge.clock.advance(SETTLE);
    waiting.add(id);
    assertThat(reconciler.reconcile().republished()).as("its message waits in the broker").isZero();
    waiting.remove(id);
    JobReconciler.Report report = reconciler.reconcile();

    assertThat(report.republished()).isEqualTo(1);
    assertThat(bridge.backend.submissions()).hasSize(submittedBefore + 1);
    assertThat(bridge.backend.submissions().get(submittedBefore).id()).isEqualTo(id);
  }

  @Test
  void givenARunningJobNoWorkerHolds_reconcile_requeuesItWithinItsRetries_elseFailsItInterrupted() {
    JobId retried = submit(1);
    JobId single = submit(0);
    recorder.record(WorkerReport.started(retried, 1, "w1", bridge.clock.instant()));
    recorder.record(WorkerReport.started(single, 1, "w1", bridge.clock.instant()));
    leased.add(retried);
    leased.add(single);
    bridge.clock.advance(LEASE_GRACE);
    assertThat(reconciler.reconcile().interrupted()).as("both still leased").isZero();

    leased.clear();
    JobReconciler.Report report = reconciler.reconcile();

    assertThat(report.interrupted()).isEqualTo(2);
    Job again = bridge.registry.findJob(retried).orElseThrow();
    assertThat(again.state()).isEqualTo(JobState.QUEUED);
    assertThat(again.failure().orElseThrow().code()).isEqualTo("interrupted");
    Job failed = bridge.registry.findJob(single).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failure().orElseThrow().message()).contains("no worker holds attempt 1");
  }

  @Test
  void givenReportsFromBeforeARestartNotYetRecorded_reconcile_judgesNothing() {
    JobId queued = submit(0);
    JobId running = submit(0);
    recorder.record(WorkerReport.started(running, 1, "w1", bridge.clock.instant()));
    bridge.clock.advance(LEASE_GRACE);
    caughtUp = false;

    JobReconciler.Report report = reconciler.reconcile();

    assertThat(report.republished() + report.interrupted()).isZero();
    assertThat(bridge.registry.findJob(queued).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(bridge.registry.findJob(running).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    caughtUp = true;
    assertThat(reconciler.reconcile().interrupted()).isEqualTo(1);
  }

  private JobId submit(int retries) {
    RunSimulationTool.Output out = bridge.call("run_simulation", new RunSimulationTool.Input("sim", Optional.empty(),
        Optional.empty(), Optional.of(retries), Optional.empty()), ALICE, RunSimulationTool.Output.class);
    return new JobId(out.jobId());
  }
}
