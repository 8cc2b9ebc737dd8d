package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** tools/list and tools/call: role filtering, schemas, structured results, errors, progress, cancellation. */
class McpToolsTest {

  @Test
  void viewer_listsOnlyViewerTools_withSchemasAndHints() {
    McpHarness mcp = McpHarness.as(Role.VIEWER).initialized("{}");

    JsonNode tools = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").path("result").path("tools");

    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).contains("discover_models", "list_parameters", "get_job_status")
        .doesNotContain("load_simulation", "set_parameter_value", "run_simulation", "cancel_job");
    JsonNode discover = tools.get(0);
    assertThat(discover.path("inputSchema").path("type").asText()).isEqualTo("object");
    assertThat(discover.path("outputSchema").path("properties").has("items")).isTrue();
    assertThat(discover.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    assertThat(discover.path("annotations").path("openWorldHint").asBoolean()).isTrue();
    assertThat(discover.path("title").asText()).isEqualTo("Discover models");
  }

  @Test
  void operator_listsEveryTool() {
    McpHarness mcp = McpHarness.as(Role.OPERATOR).initialized("{}");

    JsonNode tools = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").path("result").path("tools");

    assertThat(tools.size()).isEqualTo(mcp.tools.tools().size());
  }

  @Test
  void viewerCallingRunSimulation_isForbiddenToolError_withoutConfirmationPrompt() {
    McpHarness mcp = McpHarness.as(Role.VIEWER).initialized("{}");

    JsonNode result = mcp.call("run_simulation", "{\"simulationId\":\"s1\"}");

    assertThat(result.path("isError").asBoolean()).isTrue();
    // Structured content must match the tool's output schema, so an error carries none.
    assertThat(result.has("structuredContent")).isFalse();
    JsonNode error = result.path("_meta").path(ToolResults.ERROR_META_KEY);
    assertThat(error.path("code").asText()).isEqualTo("Forbidden");
    assertThat(error.path("correlationId").asText()).isEqualTo("cid-1");
    assertThat(error.path("retryable").asBoolean()).isFalse();
    assertThat(mcp.audit.events("tool.confirmation")).isEmpty();
  }

  @Test
  void invalidArguments_areAToolErrorNamingEveryField() {
    McpHarness mcp = McpHarness.as(Role.VIEWER).initialized("{}");

    JsonNode result = mcp.call("list_parameters", "{\"searchPattern\":\"*\",\"colour\":\"red\"}");

    assertThat(result.path("isError").asBoolean()).isTrue();
    JsonNode error = result.path("_meta").path(ToolResults.ERROR_META_KEY);
    assertThat(error.path("code").asText()).isEqualTo("InvalidInput");
    assertThat(error.path("details").toString()).contains("simulationId").contains("colour");
    assertThat(result.path("content").get(0).path("text").asText()).contains("InvalidInput");
  }

  @Test
  void unknownTool_isInvalidParamsProtocolError() {
    McpHarness mcp = McpHarness.as(Role.VIEWER).initialized("{}");

    JsonNode reply = mcp.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}");

    assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
  }

  @Test
  void success_hasStructuredContentTextAndResourceLink() {
    McpHarness mcp = McpHarness.as(Role.OPERATOR).initialized("{}");
    String nonce = mcp.call("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}")
        .path("_meta").path(ConfirmationGate.META_KEY).asText();

    JsonNode result = mcp.call("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}",
        "{\"" + ConfirmationGate.META_KEY + "\":\"" + nonce + "\"}");

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(result.path("structuredContent").path("simulationId").asText()).isEqualTo("s1");
    assertThat(result.path("content").get(0).path("type").asText()).isEqualTo("text");
    assertThat(result.path("content").get(0).path("text").asText()).contains("\"simulationId\":\"s1\"");
    assertThat(result.path("content").get(1).path("type").asText()).isEqualTo("resource_link");
    assertThat(result.path("content").get(1).path("uri").asText()).isEqualTo("bridge://simulations/s1");
  }

  @Test
  void runWithProgressToken_reportsIncreasingSimulatedTimeUntilTheJobEnds() {
    McpHarness mcp = McpHarness.as(Role.OPERATOR).initialized("{}");
    Confirm.load(mcp, "s1");

    JsonNode result = Confirm.call(mcp, "run_simulation", "{\"simulationId\":\"s1\"}", "\"progressToken\":\"tok\"");

    assertThat(result.path("isError").asBoolean()).isFalse();
    List<ObjectNode> progress = mcp.sent("notifications/progress");
    assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
    double last = -1;
    for (ObjectNode p : progress) {
      assertThat(p.path("params").path("progressToken").asText()).isEqualTo("tok");
      assertThat(p.path("params").path("progress").asDouble()).isGreaterThan(last);
      assertThat(p.path("params").path("total").asDouble()).isEqualTo(1440.0);
      last = p.path("params").path("progress").asDouble();
    }
    assertThat(last).isEqualTo(1440.0);
    assertThat(result.path("content").toString()).contains("succeeded").contains("bridge://results/");
  }

  @Test
  void cancelledRun_cancelsTheJobAndSendsNoResponse() throws Exception {
    McpHarness slow = new McpHarness(java.time.Duration.ofMillis(200)); // slow enough to cancel midway
    slow.initialized("{}");
    Confirm.load(slow, "s1");
    String nonce = slow.call("run_simulation", "{\"simulationId\":\"s1\"}").path("_meta").path(ConfirmationGate.META_KEY).asText();
    CompletableFuture<JsonNode> reply = CompletableFuture.supplyAsync(() -> slow.send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"run-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"run_simulation\","
            + "\"arguments\":{\"simulationId\":\"s1\"},\"_meta\":{\"progressToken\":1,\"" + ConfirmationGate.META_KEY
            + "\":\"" + nonce + "\"}}}"));
    while (slow.sent("notifications/progress").isEmpty() && !reply.isDone()) {
      Thread.sleep(1);
    }

    slow.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"run-1\"}}");

    assertThat(reply.get(10, TimeUnit.SECONDS)).isNull();
    JobId job = slow.jobs.jobsInStates(java.util.EnumSet.allOf(JobState.class)).get(0).id();
    assertThat(slow.jobs.findJob(job).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(slow.tools.calls()).anyMatch(c -> c.tool().equals("cancel_job") && c.outcome().equals("ok"));
  }
}
