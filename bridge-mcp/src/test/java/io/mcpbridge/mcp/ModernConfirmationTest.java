package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import org.junit.jupiter.api.Test;

/**
 * Confirmation of critical tools in 2026-07-28: an input_required question whose sealed request
 * state binds the answer to tool, arguments and caller, single use.
 */
class ModernConfirmationTest {
  private static final String LOAD = "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}";
  private static final String ELICITING = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
  private static final String ACCEPT = "{\"confirm\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}";
  private final McpHarness mcp = McpHarness.as(Role.OPERATOR);

  private JsonNode call(Principal who, String arguments, String meta, String extra) {
    return mcp.send(who, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"load_simulation\","
        + "\"arguments\":" + arguments + ",\"_meta\":" + meta + (extra == null ? "" : "," + extra) + "}}");
  }

  private String askedState() {
    JsonNode asked = call(mcp.principal, LOAD, ELICITING, null).get("result");
    assertThat(asked.path("resultType").asText()).isEqualTo("input_required");
    assertThat(asked.path("inputRequests").path("confirm").path("method").asText()).isEqualTo("elicitation/create");
    return asked.path("requestState").asText();
  }

  private static String retry(String state, String answers) {
    return "\"requestState\":\"" + state + "\",\"inputResponses\":" + answers;
  }

  @Test
  void question_thenAcceptedRetry_runsTheToolOnce_andTheStateCannotBeReplayed() {
    String state = askedState();
    assertThat(mcp.tools.calls()).isEmpty();

    JsonNode granted = call(mcp.principal, LOAD, ELICITING, retry(state, ACCEPT)).get("result");
    JsonNode replayed = call(mcp.principal, LOAD, ELICITING, retry(state, ACCEPT));

    assertThat(granted.path("resultType").asText()).isEqualTo("complete");
    assertThat(granted.path("isError").asBoolean()).isFalse();
    assertThat(replayed.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(mcp.tools.calls()).hasSize(1);
    assertThat(mcp.audit.events("tool.confirmation")).extracting(AuditEvent::status)
        .containsExactly("asked", "granted", "refused");
  }

  @Test
  void stateForOtherArguments_orAnotherCaller_orAltered_isRefused_andNothingRuns() {
    String state = askedState();
    String other = "{\"filePath\":\"examples/other.pkml\",\"simulationId\":\"s1\"}";

    JsonNode otherArgs = call(mcp.principal, other, ELICITING, retry(state, ACCEPT));
    JsonNode otherCaller = call(Principal.localUser("mallory", Role.OPERATOR), LOAD, ELICITING, retry(state, ACCEPT));
    JsonNode altered = call(mcp.principal, LOAD, ELICITING, retry(state + "x", ACCEPT));

    assertThat(otherArgs.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(otherCaller.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(altered.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void declined_isAToolErrorAndNothingRuns() {
    String state = askedState();

    JsonNode declined = call(mcp.principal, LOAD, ELICITING,
        retry(state, "{\"confirm\":{\"action\":\"decline\"}}")).get("result");

    assertThat(declined.path("isError").asBoolean()).isTrue();
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void anArgumentCannotConfirm_andAClientThatCannotElicitGetsTheNonceRoute() {
    String noElicitation = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    JsonNode refused = call(mcp.principal, "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\",\"confirm\":true}",
        noElicitation, null).get("result");

    assertThat(refused.path("isError").asBoolean()).isTrue();
    assertThat(refused.path("_meta").path(ConfirmationGate.META_KEY).asText()).isNotEmpty();
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void aViewerIsRefusedByRole_withoutBeingAsked() {
    JsonNode refused = call(Principal.localUser("victor", Role.VIEWER), LOAD, ELICITING, null).get("result");

    assertThat(refused.path("resultType").asText()).isEqualTo("complete");
    assertThat(refused.path("isError").asBoolean()).isTrue();
    assertThat(mcp.audit.events("tool.confirmation")).isEmpty();
  }
}
