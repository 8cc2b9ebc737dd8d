package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2026-07-28 clients against the packaged bridge: the TypeScript SDK 2.x client
 * ({@code scripts/mcp-client-modern.mjs}) with version negotiation {@code auto} and pinned to
 * 2026-07-28, and the MCP Inspector with {@code --protocol-era modern}, over Streamable HTTP with a
 * bearer token and over stdio. The smoke workflow confirms every critical tool through the
 * {@code input_required} question; a task-aware client (on the JDK HTTP client) runs a simulation
 * as a task and cancels another. The 2025-era clients of {@link McpClientsIT} run against the same binaries unchanged.
 */
class McpModernClientsIT {
  @TempDir static Path work;
  private static RunningBridge bridge;
  private static String mcpUrl;

  @BeforeAll
  static void startBridge() throws Exception {
    McpPeers.ensureInstalled(work);
    Path serverWork = work.resolve("serve");
    bridge = RunningBridge.start(serverWork, RunningBridge.developmentEnv(serverWork, RunningBridge.freePort()));
    mcpUrl = "http://127.0.0.1:" + bridge.port + "/mcp";
  }

  @AfterAll
  static void stopBridge() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("MCP_BEARER_TOKEN", token);
  }

  private static void assertSmokeWorkflowPassed(McpPeers.Outcome run) throws Exception {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.path("ok").asBoolean()).isTrue();
    assertThat(summary.path("protocolVersion").asText()).isEqualTo("2026-07-28");
    assertThat(summary.path("cmax").asDouble()).isEqualTo(5.0, Offset.offset(5e-4));
    assertThat(summary.path("progress").asInt()).as("progress notifications during run_simulation").isPositive();
    // load, set and run are critical: each was confirmed through an input_required question.
    assertThat(summary.path("confirmations").asInt()).isEqualTo(3);
  }

  @Test
  void sdk2ClientPinnedModern_overHttpWithBearer_completesTheSmokeWorkflow() throws Exception {
    McpPeers.Outcome run = McpPeers.modernClient(work, bearer(bridge.mintToken("alice", "operator")),
        "--http", mcpUrl, "--negotiation", "modern", "--simulation", "modern-http-pinned");

    assertSmokeWorkflowPassed(run);
  }

  @Test
  void sdk2ClientAutoNegotiation_overHttpWithBearer_choosesModern_andCompletesTheSmokeWorkflow() throws Exception {
    McpPeers.Outcome run = McpPeers.modernClient(work, bearer(bridge.mintToken("alice", "operator")),
        "--http", mcpUrl, "--negotiation", "auto", "--simulation", "modern-http-auto");

    assertSmokeWorkflowPassed(run);
    assertThat(run.summary().path("era").asText()).isEqualTo("modern");
  }

  @Test
  void sdk2Client_overStdio_bothNegotiations_completeTheSmokeWorkflow() throws Exception {
    for (String negotiation : List.of("modern", "auto")) {
      Path stdioWork = work.resolve("stdio-modern-" + negotiation);
      Map<String, String> env = RunningBridge.developmentEnv(stdioWork, 0);
      McpPeers.Outcome run = McpPeers.modernClient(stdioWork, env, "--negotiation", negotiation,
          "--simulation", "modern-stdio-" + negotiation, "--stdio", McpPeers.java(), "-jar", BridgeProcess.JAR.toString(),
          "mcp");

      assertSmokeWorkflowPassed(run);
    }
  }

  /**
   * A task-aware client written here on the JDK HTTP client (TypeScript SDK 2.3.1's core client does
   * not decode {@code resultType: "task"}; that belongs to {@code @modelcontextprotocol/ext-tasks},
   * which needs a host request coordinator): run_simulation of the real engine as a task, followed
   * with tasks/get to its inlined result, and a second run cancelled with tasks/cancel.
   */
  @Test
  void taskAwareClient_runsASimulationAsATask_andCancelsAnother() throws Exception {
    ModernHttpClient client = new ModernHttpClient(bridge, bridge.mintToken("alice", "operator"));
    client.confirmedCall("load_simulation", "{\"filePath\":\"one_compartment_iv_bolus.pkml\",\"simulationId\":\"tasks\"}");

    JsonNode created = client.confirmedCall("run_simulation", "{\"simulationId\":\"tasks\"}");
    JsonNode done = client.untilSettled(created.path("taskId").asText());
    JsonNode second = client.confirmedCall("run_simulation", "{\"simulationId\":\"tasks\"}");
    JsonNode ack = client.call("tasks/cancel", second.path("taskId").asText(),
        "\"taskId\":\"" + second.path("taskId").asText() + "\"");
    JsonNode cancelled = client.untilSettled(second.path("taskId").asText());

    assertThat(created.path("resultType").asText()).as(created.toString()).isEqualTo("task");
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("result").path("isError").asBoolean()).isFalse();
    assertThat(done.path("result").path("content").toString()).contains("bridge://results/");
    assertThat(ack.path("result").path("resultType").asText()).isEqualTo("complete");
    // A run that finished before the cancellation reached it completes; otherwise it is cancelled.
    assertThat(cancelled.path("status").asText()).isIn("cancelled", "completed");
  }

  @Test
  void withoutToken_theModernClientGets401_notAFallbackToTheOldEra() throws Exception {
    McpPeers.Outcome run = McpPeers.modernClient(work, Map.of(), "--http", mcpUrl, "--negotiation", "auto");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.summary().path("error").asText()).contains("401");
  }

  @Test
  void inspectorModernEra_overHttpWithBearer_andOverStdio_listsAndCalls() throws Exception {
    String token = bridge.mintToken("alice", "operator");
    List<String> http = List.of("--transport", "http", "--server-url", mcpUrl, "--header", "Authorization: Bearer " + token,
        "--protocol-era", "modern");
    Path stdioWork = work.resolve("stdio-inspector-modern");
    List<String> stdio = new ArrayList<>(List.of("--protocol-era", "modern"));
    RunningBridge.developmentEnv(stdioWork, 0).forEach((k, v) -> stdio.addAll(List.of("-e", k + "=" + v)));
    stdio.addAll(List.of(McpPeers.java(), "-jar", BridgeProcess.JAR.toString(), "mcp"));

    for (List<String> target : List.of(http, stdio)) {
      McpPeers.Outcome listed = McpPeers.inspector(stdioWork, Map.of(), with(target, "--method", "tools/list",
          "--format", "json"));
      McpPeers.Outcome called = McpPeers.inspector(stdioWork, Map.of(), with(target, "--method", "tools/call",
          "--tool-name", "discover_models", "--tool-arg", "search=oral", "--format", "json"));

      assertThat(listed.exitCode()).as(listed.describe()).isZero();
      assertThat(result(listed).path("tools").findValuesAsText("name")).contains("run_simulation", "discover_models");
      assertThat(called.exitCode()).as(called.describe()).isZero();
      assertThat(result(called).path("structuredContent").path("items").toString()).contains("oral_absorption.pkml");
    }
  }

  /** 2026-07-28 JSON-RPC over HTTP with the mirrored headers, declaring elicitation and the tasks extension. */
  private static final class ModernHttpClient {
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},"
        + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}";
    private final RunningBridge bridge;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    ModernHttpClient(RunningBridge bridge, String token) {
      this.bridge = bridge;
      this.token = token;
    }

    JsonNode call(String method, String name, String params) throws Exception {
      Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept", "application/json, text/event-stream",
          "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", method));
      if (name != null) {
        headers.put("Mcp-Name", name);
      }
      java.net.http.HttpResponse<String> r = bridge.post("/mcp", token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
          + method + "\",\"params\":{" + params + "," + META + "}}", headers);
      String body = r.body().lines().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).map(l -> l.substring(6))
          .orElse(r.body());
      return json.readTree(body);
    }

    /** Calls a critical tool, answering its input_required confirmation question with yes. */
    JsonNode confirmedCall(String tool, String arguments) throws Exception {
      String params = "\"name\":\"" + tool + "\",\"arguments\":" + arguments;
      JsonNode asked = call("tools/call", tool, params).path("result");
      assertThat(asked.path("resultType").asText()).as(asked.toString()).isEqualTo("input_required");
      JsonNode answered = call("tools/call", tool, params + ",\"requestState\":\"" + asked.path("requestState").asText()
          + "\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}");
      return answered.path("result");
    }

    JsonNode untilSettled(String taskId) throws Exception {
      for (int i = 0; i < 600; i++) {
        JsonNode task = call("tasks/get", taskId, "\"taskId\":\"" + taskId + "\"").path("result");
        if (!"working".equals(task.path("status").asText())) {
          return task;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("task " + taskId + " did not settle");
    }
  }

  private static JsonNode result(McpPeers.Outcome inspector) throws Exception {
    return new ObjectMapper().readTree(inspector.stdout()).path("result");
  }

  private static String[] with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
