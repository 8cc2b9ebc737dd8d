package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** run_simulation with idempotency keys from the body and from the Idempotency-Key header. */
class RunSimulationIdempotencyTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final Principal BOB = BridgeFixture.caller("bob", Role.OPERATOR);

  private BridgeFixture bridge;

  @BeforeEach
  void setUp() {
    bridge = new BridgeFixture();
    bridge.load("oral_absorption.pkml", "oral", ALICE);
  }

  @Test
  void givenSameKeyAndArguments_runSimulation_returnsTheFirstJobAndSubmitsOnce() {
    RunSimulationTool.Output first = run(ALICE, Optional.of("k-1"), Optional.of(60L));
    RunSimulationTool.Output again = run(ALICE, Optional.of("k-1"), Optional.of(60L));

    assertThat(again.jobId()).isEqualTo(first.jobId());
    assertThat(first.deduplicated()).isFalse();
    assertThat(again.deduplicated()).isTrue();
    assertThat(bridge.backend.submissions()).hasSize(1);
  }

  @Test
  void givenSameKeyAndOtherArguments_runSimulation_isAConflictAndSubmitsNothingMore() {
    run(ALICE, Optional.of("k-1"), Optional.of(60L));

    assertThatThrownBy(() -> run(ALICE, Optional.of("k-1"), Optional.of(120L))).isInstanceOf(ConflictException.class);
    assertThat(bridge.backend.submissions()).hasSize(1);
  }

  @Test
  void givenAnotherPrincipalsKey_runSimulation_neverReturnsTheirJob() {
    RunSimulationTool.Output alices = run(ALICE, Optional.of("shared-key"), Optional.of(60L));

    RunSimulationTool.Output bobs = run(BOB, Optional.of("shared-key"), Optional.of(60L));
    RunSimulationTool.Output bobsDifferent = run(BOB, Optional.of("another"), Optional.of(99L));

    assertThat(bobs.jobId()).isNotEqualTo(alices.jobId());
    assertThat(bobs.deduplicated()).isFalse();
    assertThat(bobsDifferent.jobId()).isNotIn(alices.jobId(), bobs.jobId());
    assertThat(bridge.registry.findJob(new io.mcpbridge.core.model.JobId(bobs.jobId())).orElseThrow().owner())
        .isEqualTo("bob");
  }

  @Test
  void givenTheKeyInTheHeader_runSimulation_deduplicatesLikeTheBodyKey() {
    RunSimulationTool.Output viaHeader = runWithHeader(ALICE, "hdr-1");
    RunSimulationTool.Output viaHeaderAgain = runWithHeader(ALICE, "hdr-1");
    RunSimulationTool.Output viaBody = run(ALICE, Optional.of("hdr-1"), Optional.empty());

    assertThat(viaHeaderAgain.jobId()).isEqualTo(viaHeader.jobId());
    assertThat(viaBody.jobId()).isEqualTo(viaHeader.jobId());
    assertThat(bridge.backend.submissions()).hasSize(1);
  }

  @Test
  void givenSameKeyForLatestRevision_afterAParameterChange_runSimulation_stillReturnsTheFirstJob() {
    RunSimulationTool.Output first = run(ALICE, Optional.of("retry-me"), Optional.of(60L));
    bridge.call("set_parameter_value", new SetParameterValueTool.Input("oral", "Organism|Central|Volume", 50,
        Optional.empty(), Optional.empty(), Optional.empty()), ALICE, SetParameterValueTool.Output.class);

    RunSimulationTool.Output retried = run(ALICE, Optional.of("retry-me"), Optional.of(60L));

    assertThat(retried.jobId()).isEqualTo(first.jobId());
    assertThat(retried.revision()).isEqualTo(1);
    assertThat(bridge.backend.submissions()).hasSize(1);
  }

  @Test
  void givenNoKey_runSimulation_createsANewJobEachTime() {
    RunSimulationTool.Output a = run(ALICE, Optional.empty(), Optional.of(60L));
    RunSimulationTool.Output b = run(ALICE, Optional.empty(), Optional.of(60L));

    assertThat(a.jobId()).isNotEqualTo(b.jobId());
    assertThat(bridge.backend.submissions()).hasSize(2);
  }

  private RunSimulationTool.Output run(Principal who, Optional<String> key, Optional<Long> timeout) {
    return bridge.call("run_simulation", new RunSimulationTool.Input("oral", Optional.empty(), timeout, Optional.empty(),
        key), who, RunSimulationTool.Output.class);
  }

  private RunSimulationTool.Output runWithHeader(Principal who, String key) {
    ToolContext context = BridgeFixture.as(who, key);
    return (RunSimulationTool.Output) bridge.tools.invoke("run_simulation", new RunSimulationTool.Input("oral",
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), context, o -> Optional.empty());
  }
}
