package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Human confirmation of critical tools: elicitation, or a single-use nonce bound to the exact call. */
class ConfirmationTest {
  private static final String LOAD = "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}";
  private final McpHarness mcp = McpHarness.as(Role.OPERATOR).initialized("{}");

  private String askForNonce(String arguments) {
    JsonNode refused = mcp.call("load_simulation", arguments);
    assertThat(refused.path("isError").asBoolean()).isTrue();
    assertThat(refused.path("_meta").path(ToolResults.ERROR_META_KEY).path("code").asText()).isEqualTo("ConfirmationRequired");
    return refused.path("_meta").path(ConfirmationGate.META_KEY).asText();
  }

  private JsonNode callWithNonce(String arguments, String nonce) {
    return mcp.call("load_simulation", arguments, "{\"" + ConfirmationGate.META_KEY + "\":\"" + nonce + "\"}");
  }

  @Test
  void withoutElicitation_criticalToolIsRefusedWithANonce_andNothingRuns() {
    String nonce = askForNonce(LOAD);

    assertThat(nonce).hasSizeGreaterThan(20);
    assertThat(mcp.tools.calls()).isEmpty();
    assertThat(mcp.audit.events("tool.confirmation")).extracting(AuditEvent::status).containsExactly("asked");
  }

  @Test
  void nonceForTheSameCall_runsItOnce_andReuseIsRefused() {
    String nonce = askForNonce(LOAD);

    JsonNode granted = callWithNonce(LOAD, nonce);
    JsonNode reused = callWithNonce(LOAD, nonce);

    assertThat(granted.path("isError").asBoolean()).isFalse();
    assertThat(reused.path("_meta").path(ToolResults.ERROR_META_KEY).path("code").asText()).isEqualTo("ConfirmationRequired");
    assertThat(reused.path("_meta").path(ToolResults.ERROR_META_KEY).path("message").asText()).contains("already used");
    assertThat(mcp.tools.calls()).hasSize(1);
    assertThat(mcp.audit.events("tool.confirmation")).extracting(AuditEvent::status)
        .containsExactly("asked", "granted", "refused", "asked");
  }

  @Test
  void sameArgumentsInAnotherOrder_areTheSameCall() {
    String nonce = askForNonce(LOAD);

    JsonNode granted = callWithNonce("{\"simulationId\":\"s1\",\"filePath\":\"examples/oral.pkml\"}", nonce);

    assertThat(granted.path("isError").asBoolean()).isFalse();
  }

  @Test
  void nonceCannotAuthoriseOtherArguments_andIsConsumedByTheAttempt() {
    String nonce = askForNonce(LOAD);

    JsonNode other = callWithNonce("{\"filePath\":\"examples/iv-bolus.pkml\",\"simulationId\":\"s1\"}", nonce);
    JsonNode original = callWithNonce(LOAD, nonce);

    assertThat(other.path("_meta").path(ToolResults.ERROR_META_KEY).path("message").asText()).contains("different call");
    assertThat(original.path("_meta").path(ToolResults.ERROR_META_KEY).path("code").asText()).isEqualTo("ConfirmationRequired");
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void nonceCannotAuthoriseAnotherPrincipal() {
    String nonce = askForNonce(LOAD);
    Principal mallory = Principal.localUser("mallory", Role.OPERATOR);

    JsonNode result = mcp.send(mallory, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
        + "\"load_simulation\",\"arguments\":" + LOAD + ",\"_meta\":{\"" + ConfirmationGate.META_KEY + "\":\"" + nonce
        + "\"}}}").get("result");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void aConfirmFlagInTheArguments_confirmsNothing() {
    JsonNode result = mcp.call("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"confirm\":true,\"critical\":true}");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void grantThatCannotBeAudited_doesNotRun() {
    String nonce = askForNonce(LOAD);
    mcp.audit.failing(true);

    JsonNode result = callWithNonce(LOAD, nonce);

    assertThat(result.path("_meta").path(ToolResults.ERROR_META_KEY).path("code").asText()).isEqualTo("BackendUnavailable");
    assertThat(mcp.tools.calls()).isEmpty();
  }

  @Test
  void withElicitation_acceptRuns_declineRefuses_andBothAreAudited() {
    McpHarness eliciting = McpHarness.as(Role.OPERATOR).initialized("{\"elicitation\":{}}");
    eliciting.clientAnswers = answer("accept", true);

    JsonNode accepted = eliciting.call("load_simulation", LOAD);
    eliciting.clientAnswers = answer("decline", false);
    JsonNode declined = eliciting.call("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s2\"}");

    assertThat(accepted.path("isError").asBoolean()).isFalse();
    assertThat(declined.path("_meta").path(ToolResults.ERROR_META_KEY).path("code").asText()).isEqualTo("ConfirmationRequired");
    assertThat(declined.path("_meta").has(ConfirmationGate.META_KEY)).as("no nonce after a refusal").isFalse();
    List<ObjectNode> asked = eliciting.sent("elicitation/create");
    assertThat(asked).hasSize(2);
    assertThat(asked.get(0).path("params").path("message").asText()).contains("load_simulation").contains("oral.pkml");
    assertThat(eliciting.tools.calls()).hasSize(1);
    assertThat(eliciting.audit.events("tool.confirmation")).extracting(AuditEvent::status)
        .containsExactly("asked", "granted", "asked", "refused");
  }

  @Test
  void elicitationAcceptWithoutTickingConfirm_refuses() {
    McpHarness eliciting = McpHarness.as(Role.OPERATOR).initialized("{\"elicitation\":{}}");
    eliciting.clientAnswers = answer("accept", false);

    JsonNode result = eliciting.call("load_simulation", LOAD);

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(eliciting.tools.calls()).isEmpty();
  }

  private static java.util.function.Function<ObjectNode, JsonNode> answer(String action, boolean confirm) {
    return m -> {
      if (!"elicitation/create".equals(m.path("method").asText())) {
        return null;
      }
      ObjectNode r = JsonNodeFactory.instance.objectNode();
      r.put("jsonrpc", "2.0");
      r.set("id", m.get("id"));
      ObjectNode result = r.putObject("result");
      result.put("action", action);
      result.putObject("content").put("confirm", confirm);
      return r;
    };
  }
}
