package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery after a restart: the registry keeps what the stopped process left; a new process
 * (new backend and runner over the same registry) recovers it.
 */
class JobRecoveryTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);

  private BridgeFixture before;

  @BeforeEach
  void setUp() {
    before = new BridgeFixture();
    before.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
  }

  @Test
  void givenQueuedAndRunningJobs_recover_leavesNoJobRunningAndRunsWhatIsWithinBudget() {
    JobId queued = submit(0);
    JobId runningWithBudget = markRunning(submit(1), false);
    JobId runningWithoutBudget = markRunning(submit(0), false);
    JobId runningCancelRequested = markRunning(submit(2), true);
    ManualJobBackend restarted = new ManualJobBackend(before.clock);
    restarted.start(new JobRunner(before.registry, before.engine, restarted, new JobNotifier(), before.audit,
        before.clock));

    JobRecovery.Report report = new JobRecovery(before.registry, restarted, before.clock).recover();

    assertThat(before.registry.jobsInStates(Set.of(JobState.RUNNING))).isEmpty();
    assertThat(report.resubmitted()).isEqualTo(1);
    assertThat(report.requeued()).isEqualTo(1);
    assertThat(state(queued)).isEqualTo(JobState.QUEUED);
    assertThat(state(runningWithBudget)).isEqualTo(JobState.QUEUED);
    assertThat(job(runningWithBudget).failure().orElseThrow().code()).isEqualTo("interrupted");
    assertThat(state(runningWithoutBudget)).isEqualTo(JobState.FAILED);
    assertThat(job(runningWithoutBudget).failure().orElseThrow().code()).isEqualTo("interrupted");
    assertThat(state(runningCancelRequested)).isEqualTo(JobState.CANCELLED);
    assertThat(restarted.submissions()).extracting(ManualJobBackend.Submission::id)
        .containsExactlyInAnyOrder(queued, runningWithBudget);

    restarted.runNext();
    restarted.runNext();

    assertThat(state(queued)).isEqualTo(JobState.SUCCEEDED);
    assertThat(state(runningWithBudget)).isEqualTo(JobState.SUCCEEDED);
    assertThat(job(runningWithBudget).attempts()).isEqualTo(2);
  }

  @Test
  void givenNothingUnfinished_recover_doesNothing() {
    JobId done = submit(0);
    before.backend.runNext();
    ManualJobBackend restarted = new ManualJobBackend(before.clock);

    JobRecovery.Report report = new JobRecovery(before.registry, restarted, before.clock).recover();

    assertThat(report).isEqualTo(new JobRecovery.Report(0, 0, 0));
    assertThat(restarted.submissions()).isEmpty();
    assertThat(state(done)).isEqualTo(JobState.SUCCEEDED);
  }

  private JobId submit(int retries) {
    RunSimulationTool.Output out = before.call("run_simulation", new RunSimulationTool.Input("iv", Optional.empty(),
        Optional.empty(), Optional.of(retries), Optional.empty()), ALICE, RunSimulationTool.Output.class);
    return new JobId(out.jobId());
  }

  /** What a process that died mid-run leaves behind: the job running in its first attempt. */
  private JobId markRunning(JobId id, boolean cancelRequested) {
    Job started = job(id).startedAttempt(before.clock.instant());
    if (cancelRequested) {
      started = started.withCancelRequested(before.clock.instant());
    }
    assertThat(before.registry.updateJob(started, Set.of(JobState.QUEUED), Optional.of("attempt 1 started"))).isTrue();
    before.clock.advance(Duration.ofSeconds(1));
    return id;
  }

  private Job job(JobId id) {
    return before.registry.findJob(id).orElseThrow();
  }

  private JobState state(JobId id) {
    return job(id).state();
  }

}
