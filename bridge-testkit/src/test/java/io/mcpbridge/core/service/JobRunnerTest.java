package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.CancelJobTool;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job path with a scripted engine: success, timeouts, cancellation, retries with backoff. */
class JobRunnerTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final int STEPS = 100;

  private ScriptedEngine engine;
  private BridgeFixture bridge;

  @BeforeEach
  void setUp() {
    engine = new ScriptedEngine(new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS), STEPS);
    bridge = new BridgeFixture(engine);
    bridge.load("one_compartment_iv_bolus.pkml", "sim", ALICE);
  }

  @Test
  void givenAQueuedJob_run_storesTheResultAndRecordsGapFreeOrderedEvents() {
    // Progress is recorded at most every 250 ms: one simulated step per 100 ms of clock.
    engine.onStep(step -> bridge.clock.advance(Duration.ofMillis(100)));
    JobId id = submit(Optional.empty(), Optional.empty());

    bridge.backend.runNext();

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(bridge.registry.findResult(job.resultId().orElseThrow())).hasValueSatisfying(r ->
        assertThat(r.result().times()).hasSize(STEPS + 1));
    List<JobEvent> events = bridge.registry.events(id, 0);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).sequence()).isEqualTo(i + 1L);
    }
    List<JobEvent> states = events.stream().filter(e -> e.type() == JobEvent.Type.STATE).toList();
    assertThat(states).extracting(JobEvent::state)
        .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
    List<JobEvent> progress = events.stream().filter(e -> e.type() == JobEvent.Type.PROGRESS).toList();
    assertThat(progress).hasSizeBetween(STEPS / 4, STEPS / 2 + 1);
    assertThat(progress).allSatisfy(e -> assertThat(e.progress().orElseThrow().endTime()).isEqualTo(STEPS));
    assertThat(progress.stream().mapToDouble(e -> e.progress().orElseThrow().simulatedTime()).toArray()).isSorted();
    assertThat(bridge.audit.records()).extracting(r -> r.event().eventType())
        .contains("job.running", "job.succeeded");
  }

  @Test
  void givenAOneSecondTimeout_longRun_endsTimedOutSoonAfterTheDeadlineWithoutAResult() {
    AtomicInteger stepsTaken = new AtomicInteger();
    engine.onStep(step -> {
      stepsTaken.incrementAndGet();
      bridge.clock.advance(Duration.ofMillis(100));
    });
    JobId id = submit(Optional.of(1L), Optional.of(3));

    bridge.backend.runNext();

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.TIMED_OUT);
    assertThat(job.resultId()).isEmpty();
    assertThat(job.failure().orElseThrow().code()).isEqualTo("Timeout");
    // The deadline passes after 10 steps of 100 ms; the run stops at the next checkpoint.
    assertThat(stepsTaken.get()).isBetween(10, 12);
    // A timeout is final: no retry is scheduled even though retries remain.
    assertThat(bridge.backend.pending()).isZero();
  }

  @Test
  void givenAQueuedJob_cancel_endsItCancelledAndItNeverRuns() {
    JobId id = submit(Optional.empty(), Optional.empty());

    CancelJobTool.Output out = cancel(id);
    bridge.backend.runNext();

    assertThat(out.status()).isEqualTo("cancelled");
    assertThat(job(id).state()).isEqualTo(JobState.CANCELLED);
    assertThat(bridge.backend.cancelled()).containsExactly(id);
    assertThat(engine.runs()).isZero();
  }

  @Test
  void givenARunningJob_cancel_stopsTheSolverAtTheNextCheckpointAndPublishesNothing() {
    AtomicInteger stepsTaken = new AtomicInteger();
    JobId id = submit(Optional.empty(), Optional.empty());
    engine.onStep(step -> {
      stepsTaken.incrementAndGet();
      if (step == 5) {
        assertThat(cancel(id).status()).isEqualTo("running");
      }
    });

    bridge.backend.runNext();

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.cancelRequested()).isTrue();
    assertThat(job.resultId()).isEmpty();
    assertThat(stepsTaken.get()).isEqualTo(6);
  }

  @Test
  void givenCancellationRecordedWhileTheLastStepCompletes_run_publishesNoResult() {
    JobId id = submit(Optional.empty(), Optional.empty());
    // Another process records the cancellation; this attempt's cancellation flag never fires.
    engine.onStep(step -> {
      if (step == STEPS) {
        Job running = job(id);
        bridge.registry.updateJob(running.withCancelRequested(bridge.clock.instant()), Set.of(JobState.RUNNING),
            Optional.of("cancellation requested"));
      }
    });

    bridge.backend.runNext();

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.resultId()).isEmpty();
  }

  @Test
  void givenRetryableFailures_run_retriesWithGrowingBackoffWithinTheBudgetThenSucceeds() {
    engine.failFirstRuns(new BackendUnavailableException("engine host busy"),
        new BackendUnavailableException("engine host busy"));
    JobId id = submit(Optional.empty(), Optional.of(2));

    bridge.backend.runNext();
    assertThat(job(id).state()).isEqualTo(JobState.QUEUED);
    bridge.backend.runNext();
    assertThat(job(id).state()).isEqualTo(JobState.QUEUED);
    bridge.backend.runNext();

    assertThat(job(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job(id).attempts()).isEqualTo(3);
    assertThat(bridge.backend.submissions()).extracting(ManualJobBackend.Submission::delay)
        .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void givenRetryableFailuresBeyondTheBudget_run_failsAfterMaxRetriesPlusOneAttempts() {
    engine.failFirstRuns(new BackendUnavailableException("down"), new BackendUnavailableException("down"),
        new BackendUnavailableException("down"));
    JobId id = submit(Optional.empty(), Optional.of(1));

    bridge.backend.runNext();
    bridge.backend.runNext();

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.attempts()).isEqualTo(2);
    assertThat(job.failure().orElseThrow().code()).isEqualTo("BackendUnavailable");
    assertThat(bridge.backend.pending()).isZero();
  }

  @Test
  void givenANonRetryableFailure_run_failsAtOnceDespiteRemainingRetries() {
    engine.failFirstRuns(new InvalidInputException("override of unknown quantity"));
    JobId id = submit(Optional.empty(), Optional.of(3));

    bridge.backend.runNext();

    assertThat(job(id).state()).isEqualTo(JobState.FAILED);
    assertThat(job(id).attempts()).isEqualTo(1);
    assertThat(bridge.backend.submissions()).hasSize(1);
  }

  @Test
  void givenAnErrorDuringTheRun_run_marksTheJobFailedInsteadOfLeavingItRunning() {
    engine.onStep(step -> {
      if (step == 3) {
        throw new OutOfMemoryError("simulated exhaustion");
      }
    });
    JobId id = submit(Optional.empty(), Optional.of(2));

    assertThatThrownBy(() -> bridge.backend.runNext()).isInstanceOf(OutOfMemoryError.class);

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failure().orElseThrow().code()).isEqualTo("InternalError");
    assertThat(job.resultId()).isEmpty();
    assertThat(bridge.backend.pending()).as("an exhausted process is not retried").isZero();
  }

  @Test
  void givenAFinishedJob_cancel_leavesItUnchanged() {
    JobId id = submit(Optional.empty(), Optional.empty());
    bridge.backend.runNext();

    CancelJobTool.Output out = cancel(id);

    assertThat(out.status()).isEqualTo("succeeded");
    assertThat(job(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job(id).resultId()).isPresent();
  }

  private JobId submit(Optional<Long> timeoutSeconds, Optional<Integer> retries) {
    RunSimulationTool.Output out = bridge.call("run_simulation", new RunSimulationTool.Input("sim", Optional.empty(),
        timeoutSeconds, retries, Optional.empty()), ALICE, RunSimulationTool.Output.class);
    return new JobId(out.jobId());
  }

  private CancelJobTool.Output cancel(JobId id) {
    return bridge.call("cancel_job", new CancelJobTool.Input(id.value()), ALICE, CancelJobTool.Output.class);
  }

  private Job job(JobId id) {
    return bridge.registry.findJob(id).orElseThrow();
  }
}
