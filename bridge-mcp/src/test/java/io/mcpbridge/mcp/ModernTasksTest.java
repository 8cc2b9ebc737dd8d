package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.core.model.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durable jobs as tasks of the tasks extension, for 2026-07-28 clients that declare it. */
class ModernTasksTest {
  private static final String TASK_AWARE = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},"
      + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}";
  private static final String PLAIN = "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
  private final McpHarness mcp = new McpHarness(Duration.ofMillis(40));

  private JsonNode request(String method, String params, String meta) {
    return mcp.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"" + method + "\",\"params\":{" + params
        + ",\"_meta\":" + meta + "}}");
  }

  /** Calls a critical tool, answering its confirmation question with yes. */
  private JsonNode confirmed(String tool, String arguments, String meta) {
    String call = "\"name\":\"" + tool + "\",\"arguments\":" + arguments;
    JsonNode asked = request("tools/call", call, meta).get("result");
    assertThat(asked.path("resultType").asText()).isEqualTo("input_required");
    return request("tools/call", call + ",\"requestState\":\"" + asked.path("requestState").asText()
        + "\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}", meta);
  }

  private JsonNode task(String taskId, String meta) {
    return request("tasks/get", "\"taskId\":\"" + taskId + "\"", meta);
  }

  private JsonNode waitUntilDone(String taskId) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonNode t = task(taskId, TASK_AWARE).get("result");
      if (!"working".equals(t.path("status").asText())) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " did not finish");
  }

  @Test
  void aTaskAwareClient_runsASimulationAsATask_andReadsTheResultInline() throws Exception {
    confirmed("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}", TASK_AWARE);

    JsonNode created = confirmed("run_simulation", "{\"simulationId\":\"s1\"}", TASK_AWARE).get("result");
    JsonNode done = waitUntilDone(created.path("taskId").asText());

    assertThat(created.path("resultType").asText()).isEqualTo("task");
    assertThat(created.path("status").asText()).isEqualTo("working");
    assertThat(created.path("ttlMs").isIntegralNumber()).isTrue();
    assertThat(created.has("result")).isFalse();
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("resultType").asText()).isEqualTo("complete");
    assertThat(done.path("result").path("isError").asBoolean()).isFalse();
    assertThat(done.path("result").path("content").toString()).contains("bridge://results/");
  }

  @Test
  void cancellingATask_cancelsItsJob() throws Exception {
    confirmed("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}", TASK_AWARE);
    String taskId = confirmed("run_simulation", "{\"simulationId\":\"s1\"}", TASK_AWARE).path("result")
        .path("taskId").asText();

    JsonNode ack = request("tasks/cancel", "\"taskId\":\"" + taskId + "\"", TASK_AWARE).get("result");
    JsonNode done = waitUntilDone(taskId);

    assertThat(ack.toString()).isEqualTo("{\"resultType\":\"complete\"}");
    assertThat(done.path("status").asText()).isEqualTo("cancelled");
    assertThat(mcp.tools.calls()).extracting(io.mcpbridge.testkit.tools.FakeBridgeTools.Call::tool).contains("cancel_job");
  }

  @Test
  void withoutTheExtension_theJobIsAPlainResult_andTasksMethodsNeedTheCapability() {
    confirmed("load_simulation", "{\"filePath\":\"examples/oral.pkml\",\"simulationId\":\"s1\"}", PLAIN);

    JsonNode plain = confirmed("run_simulation", "{\"simulationId\":\"s1\"}", PLAIN).get("result");
    JsonNode refused = task(plain.path("structuredContent").path("jobId").asText(), PLAIN).get("error");
    JsonNode unknown = task("no-such-job", TASK_AWARE).get("error");

    assertThat(plain.path("resultType").asText()).isEqualTo("complete");
    assertThat(plain.path("structuredContent").path("jobId").isTextual()).isTrue();
    assertThat(refused.path("code").asInt()).isEqualTo(JsonRpc.MISSING_CLIENT_CAPABILITY);
    assertThat(refused.path("data").path("requiredCapabilities").path("extensions")
        .has("io.modelcontextprotocol/tasks")).isTrue();
    assertThat(unknown.path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
  }

}
