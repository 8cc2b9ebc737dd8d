package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the job path and the tool invoker report to the metrics ports. */
class JobMetricsTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final Principal VIEWER = BridgeFixture.caller("victor", Role.VIEWER);

  private ScriptedEngine engine;
  private BridgeFixture bridge;

  @BeforeEach
  void setUp() {
    engine = new ScriptedEngine(new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS), 40);
    bridge = new BridgeFixture(engine);
    bridge.load("one_compartment_iv_bolus.pkml", "sim", ALICE);
  }

  @Test
  void aSucceededJobIsCountedFromSubmissionToItsEndWithItsWaitRunTimeAndIntegratorWork() {
    engine.onStep(step -> bridge.clock.advance(Duration.ofMillis(50)));
    JobId id = submit("key-1", Optional.of(0));
    submit("key-1", Optional.of(0)); // an idempotent replay is not a new submission
    bridge.clock.advance(Duration.ofSeconds(3));

    bridge.backend.runNext();

    assertThat(bridge.metrics.events()).filteredOn(e -> e.startsWith("job") || e.startsWith("engine")).containsExactly(
        "job submitted", "job started", "engine run 40 steps 40 rhs 0 jac", "job finished succeeded none");
    assertThat(bridge.metrics.durationOf("job started")).isEqualTo(Duration.ofSeconds(3));
    assertThat(bridge.metrics.durationOf("job finished succeeded none")).isEqualTo(Duration.ofMillis(41 * 50));
    assertThat(bridge.metrics.jobCounts()).isNull(); // gauges are registered by the composition root
    assertThat(bridge.registry.findJob(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void retriesAndTheFinalFailureAreCountedByReasonAndTheEngineFailuresWithThem() {
    engine.failFirstRuns(new BackendUnavailableException("engine host busy"), new InvalidInputException("bad dose"));
    submit("key-2", Optional.of(2));

    bridge.backend.runNext();
    bridge.clock.advance(Duration.ofMillis(1500)); // the backoff of one second, and a little more
    bridge.backend.runNext();

    assertThat(bridge.metrics.events()).filteredOn(e -> e.startsWith("job") || e.startsWith("engine")).containsExactly(
        "job submitted", "job started", "engine failed BackendUnavailable", "job retried BackendUnavailable",
        "job started", "engine failed InvalidInput", "job finished failed InvalidInput");
    // The retry's wait counts from its return to the queue.
    assertThat(bridge.metrics.durations().get(bridge.metrics.events().lastIndexOf("job started")))
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void everyToolCallIsCountedWithItsChannelAndOutcomeAndARefusalIsNotAFailure() {
    assertThatThrownBy(() -> bridge.call("run_simulation", new RunSimulationTool.Input("sim", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()), VIEWER, RunSimulationTool.Output.class))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> bridge.call("run_simulation", new RunSimulationTool.Input("nope", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty()), ALICE, RunSimulationTool.Output.class))
        .isInstanceOf(io.mcpbridge.core.error.NotFoundException.class);

    assertThat(bridge.metrics.events()).filteredOn(e -> e.startsWith("tool")).containsExactly(
        "tool load_simulation rest ok none",
        "tool run_simulation rest refused Forbidden",
        "tool run_simulation rest failed NotFound");
  }

  private JobId submit(String key, Optional<Integer> retries) {
    RunSimulationTool.Output out = bridge.call("run_simulation", new RunSimulationTool.Input("sim", Optional.empty(),
        Optional.empty(), retries, Optional.of(key)), ALICE, RunSimulationTool.Output.class);
    return new JobId(out.jobId());
  }
}
