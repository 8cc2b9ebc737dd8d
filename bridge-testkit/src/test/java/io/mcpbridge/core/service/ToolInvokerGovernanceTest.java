package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.error.ForbiddenException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.service.tools.GetParameterValueTool;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.core.service.tools.SetParameterValueTool;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles, audit records of every outcome, and fail-closed refusal when the audit trail is down. */
class ToolInvokerGovernanceTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final Principal VICTOR = BridgeFixture.caller("victor", Role.VIEWER);

  private BridgeFixture bridge;

  @BeforeEach
  void setUp() {
    bridge = new BridgeFixture();
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
  }

  @Test
  void givenAViewer_runSimulation_isForbiddenAuditedAsRefusedAndStartsNoJob() {
    assertThatThrownBy(() -> run(VICTOR)).isInstanceOf(ForbiddenException.class).hasMessageContaining("operator");

    AuditRecord last = last();
    assertThat(last.event().eventType()).isEqualTo("tool.run_simulation");
    assertThat(last.event().status()).isEqualTo("refused");
    assertThat(last.event().identity().subject()).isEqualTo("victor");
    assertThat(last.event().summary()).containsEntry("error", "Forbidden");
    assertThat(bridge.backend.submissions()).isEmpty();
    assertThat(bridge.registry.jobsInStates(Set.of(JobState.values()))).isEmpty();
  }

  @Test
  void givenNoConfirmation_aCriticalTool_isRefusedAuditedAndStartsNoJob_whateverTheEdge() {
    for (String edge : List.of("rest", "mcp", "cli")) {
      io.mcpbridge.core.port.ToolContext unconfirmed = new io.mcpbridge.core.port.ToolContext(ALICE, "c-" + edge,
          Optional.empty(), edge, Optional.empty());
      assertThatThrownBy(() -> bridge.tools.invoke("run_simulation", new RunSimulationTool.Input("iv", Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty()), unconfirmed, o -> Optional.empty()))
          .isInstanceOf(ConfirmationRequiredException.class);
      assertThat(last().event().status()).isEqualTo("refused");
      assertThat(last().event().summary()).containsEntry("error", "ConfirmationRequired").containsEntry("channel", edge);
    }
    assertThat(bridge.backend.submissions()).isEmpty();
  }

  @Test
  void givenAConfirmation_theAuditRecordSaysHowItWasGiven_andReadsNeedNone() {
    run(ALICE);
    assertThat(last().event().summary()).containsEntry("confirmedBy", "header");

    bridge.tools.invoke("get_parameter_value", new GetParameterValueTool.Input("iv", "Organism|Central|Volume",
        Optional.empty(), Optional.empty()), BridgeFixture.unconfirmed(VICTOR), o -> Optional.empty());
    assertThat(last().event().status()).isEqualTo("ok");
  }

  @Test
  void givenAViewer_readTool_isAllowedAndAuditedAsOk() {
    get(VICTOR, "Organism|Central|Volume");

    AuditRecord last = last();
    assertThat(last.event().eventType()).isEqualTo("tool.get_parameter_value");
    assertThat(last.event().status()).isEqualTo("ok");
    assertThat(last.event().summary()).containsEntry("parameterPath", "Organism|Central|Volume")
        .containsEntry("channel", "rest");
    assertThat(last.event().responseSha256()).contains("digest");
  }

  @Test
  void givenAFailingCall_invoke_auditsItAsFailedWithTheErrorCode() {
    assertThatThrownBy(() -> get(VICTOR, "Organism|Nowhere")).isInstanceOf(NotFoundException.class);

    assertThat(last().event().status()).isEqualTo("failed");
    assertThat(last().event().summary()).containsEntry("error", "NotFound");
  }

  @Test
  void givenAnUnhealthyAuditTrail_mutatingTools_areRefusedAndChangeNothing() {
    bridge.audit.failAppends(true);

    assertThatThrownBy(() -> set(ALICE)).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("audit");
    assertThatThrownBy(() -> run(ALICE)).isInstanceOf(BackendUnavailableException.class);

    assertThat(bridge.registry.findSimulation(new SimulationId("iv")).orElseThrow().revision()).isEqualTo(1);
    assertThat(bridge.backend.submissions()).isEmpty();
    // Reads go on: the trail's outage blocks changes, not inspection.
    assertThat(get(VICTOR, "Organism|Central|Volume").parameter().value()).isEqualTo(15.0);

    bridge.audit.failAppends(false);
    assertThat(set(ALICE).revision()).isEqualTo(2);
  }

  @Test
  void givenEveryOutcome_auditTrail_recordsOneEventPerCallInOrder() {
    int before = bridge.audit.records().size();
    get(VICTOR, "Organism|Central|Volume");
    assertThatThrownBy(() -> run(VICTOR)).isInstanceOf(ForbiddenException.class);
    set(ALICE);

    List<String> statuses = bridge.audit.records().subList(before, bridge.audit.records().size()).stream()
        .map(r -> r.event().eventType() + ":" + r.event().status()).toList();
    assertThat(statuses).containsExactly("tool.get_parameter_value:ok", "tool.run_simulation:refused",
        "tool.set_parameter_value:ok");
  }

  private AuditRecord last() {
    List<AuditRecord> all = bridge.audit.records();
    return all.get(all.size() - 1);
  }

  private RunSimulationTool.Output run(Principal who) {
    return bridge.call("run_simulation", new RunSimulationTool.Input("iv", Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()), who, RunSimulationTool.Output.class);
  }

  private GetParameterValueTool.Output get(Principal who, String path) {
    return bridge.call("get_parameter_value", new GetParameterValueTool.Input("iv", path, Optional.empty(),
        Optional.empty()), who, GetParameterValueTool.Output.class);
  }

  private SetParameterValueTool.Output set(Principal who) {
    return bridge.call("set_parameter_value", new SetParameterValueTool.Input("iv", "Organism|Central|Volume", 20,
        Optional.empty(), Optional.empty(), Optional.empty()), who, SetParameterValueTool.Output.class);
  }
}
