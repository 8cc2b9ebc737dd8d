package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MCP clients against the packaged bridge: the MCP Inspector CLI and the TypeScript SDK client
 * ({@code scripts/mcp-client.mjs}) over stdio ({@code bridge mcp}) and over Streamable HTTP
 * ({@code bridge serve}, development tokens). The smoke workflow runs load → set → run (with a
 * progress token) → status → results → PK and checks the numbers.
 */
class McpClientsIT {
  private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
      + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  private static final List<String> OPERATOR_TOOLS = List.of("load_simulation", "set_parameter_value", "run_simulation",
      "cancel_job");

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

  @Test
  void tsClientOverHttp_withOperatorToken_completesSmokeWorkflow_confirmingByElicitation_withProgress() throws Exception {
    McpPeers.Outcome run = McpPeers.client(work, bearer(bridge.mintToken("alice", "operator")),
        "--http", mcpUrl, "--elicitation", "--simulation", "ts-http");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.path("ok").asBoolean()).isTrue();
    assertThat(summary.path("cmax").asDouble()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(5e-4));
    assertThat(summary.path("progress").asInt()).as("progress notifications during run_simulation").isPositive();
    // load, set and run are critical: each was confirmed through elicitation, no nonce needed.
    assertThat(summary.path("elicitations").asInt()).isEqualTo(3);
    assertThat(summary.path("nonces").asInt()).isZero();
    assertThat(initialize(run).path("protocol").asText()).isEqualTo("2025-11-25");
  }

  @Test
  void plotResults_theTsClientAndTheInspectorReceiveDecodableImages_identicalToTheRestRoute() throws Exception {
    String token = bridge.mintToken("alice", "operator");
    McpPeers.Outcome run = McpPeers.client(work, bearer(token), "--http", mcpUrl, "--elicitation", "--simulation", "ts-plot");
    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode summary = run.summary();
    String resultsId = summary.path("resultsId").asText();
    assertThat(summary.path("plotWidth").asInt()).isEqualTo(1200);
    assertThat(summary.path("plotUri").asText()).startsWith("bridge://results/" + resultsId + "/plot.png?output=");

    // REST serves the same bytes the TypeScript client received over MCP.
    HttpResponse<byte[]> rest = bridge.getBytes("/results/" + resultsId
        + "/plot.png?output=Organism%7CCentral%7CDrug%7CConcentration", token);
    assertThat(rest.statusCode()).isEqualTo(200);
    assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
    assertThat(io.mcpbridge.core.model.Sha256.hex(rest.body())).isEqualTo(summary.path("plotSha256").asText());
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(rest.body()));
    assertThat(png.getWidth()).isEqualTo(1200);
    assertThat(png.getHeight()).isEqualTo(800);

    // The Inspector over HTTP: image content that decodes, and the bytes REST serves for the same arguments.
    List<String> args = List.of("--transport", "http", "--server-url", mcpUrl, "--header", "Authorization: Bearer " + token);
    McpPeers.Outcome called = McpPeers.inspector(work, Map.of(), with(args, "--method", "tools/call",
        "--tool-name", "plot_results", "--tool-arg", "resultsId=" + resultsId, "--tool-arg", "scale=log",
        "--format", "json"));
    assertThat(called.exitCode()).as(called.describe()).isZero();
    JsonNode image = null;
    for (JsonNode c : result(called).path("content")) {
      if ("image".equals(c.path("type").asText())) {
        image = c;
      }
    }
    assertThat(image).as(called.describe()).isNotNull();
    assertThat(image.path("mimeType").asText()).isEqualTo("image/png");
    byte[] inspected = java.util.Base64.getDecoder().decode(image.path("data").asText());
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(inspected)).getHeight()).isEqualTo(800);
    HttpResponse<byte[]> restLog = bridge.getBytes("/results/" + resultsId + "/plot.png?scale=log", token);
    assertThat(restLog.body()).isEqualTo(inspected);

    // SVG over REST; a viewer may read plots; bad input is refused with the one error shape.
    HttpResponse<byte[]> svg = bridge.getBytes("/results/" + resultsId + "/plot.svg", bridge.mintToken("victor", "viewer"));
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(new String(svg.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg", "Time [h]");
    HttpResponse<byte[]> bad = bridge.getBytes("/results/" + resultsId + "/plot.png?scale=cubic", token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("linear or log");
    assertThat(bridge.getBytes("/results/" + resultsId + "/plot.png", null).statusCode())
        .as("anonymous access is off: no token, no plot").isEqualTo(401);
    assertThat(bridge.getBytes("/results/" + java.util.UUID.randomUUID() + "/plot.png", token).statusCode()).isEqualTo(404);
  }

  @Test
  void tsClientOverStdio_completesSmokeWorkflow_confirmingByNonce_withProgress() throws Exception {
    Path stdioWork = work.resolve("stdio-ts");
    Map<String, String> env = RunningBridge.developmentEnv(stdioWork, 0);
    McpPeers.Outcome run = McpPeers.client(stdioWork, env, "--simulation", "ts-stdio",
        "--stdio", McpPeers.java(), "-jar", BridgeProcess.JAR.toString(), "mcp");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode summary = run.summary();
    assertThat(summary.path("cmax").asDouble()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(5e-4));
    assertThat(summary.path("progress").asInt()).as("progress notifications during run_simulation").isPositive();
    // Without elicitation every critical call was refused once with a nonce, then confirmed with it.
    assertThat(summary.path("nonces").asInt()).isEqualTo(3);
    assertThat(summary.path("elicitations").asInt()).isZero();
  }

  @Test
  void inspectorOverStdio_listsTheToolsAndCallsOne() throws Exception {
    Path stdioWork = work.resolve("stdio-inspector");
    List<String> args = new ArrayList<>();
    // The Inspector gives the server only the variables passed with -e.
    RunningBridge.developmentEnv(stdioWork, 0).forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
    args.addAll(List.of(McpPeers.java(), "-jar", BridgeProcess.JAR.toString(), "mcp"));

    McpPeers.Outcome listed = McpPeers.inspector(stdioWork, Map.of(), with(args, "--method", "tools/list", "--format", "json"));
    McpPeers.Outcome called = McpPeers.inspector(stdioWork, Map.of(), with(args, "--method", "tools/call",
        "--tool-name", "discover_models", "--tool-arg", "search=one_compartment", "--format", "json"));

    assertThat(listed.exitCode()).as(listed.describe()).isZero();
    assertThat(toolNames(listed)).contains("discover_models", "run_simulation", "calculate_pk_parameters");
    assertThat(called.exitCode()).as(called.describe()).isZero();
    JsonNode models = result(called).path("structuredContent").path("items");
    assertThat(models.toString()).contains("one_compartment_iv_bolus.pkml");
  }

  @Test
  void inspectorOverHttp_withBearer_listsTheToolsAndCallsOne() throws Exception {
    String token = bridge.mintToken("alice", "operator");
    List<String> args = List.of("--transport", "http", "--server-url", mcpUrl, "--header", "Authorization: Bearer " + token);

    McpPeers.Outcome listed = McpPeers.inspector(work, Map.of(), with(args, "--method", "tools/list", "--format", "json"));
    McpPeers.Outcome called = McpPeers.inspector(work, Map.of(), with(args, "--method", "tools/call",
        "--tool-name", "discover_models", "--tool-arg", "search=oral", "--format", "json"));

    assertThat(listed.exitCode()).as(listed.describe()).isZero();
    assertThat(toolNames(listed)).containsAll(OPERATOR_TOOLS);
    assertThat(called.exitCode()).as(called.describe()).isZero();
    assertThat(result(called).path("structuredContent").path("items").toString()).contains("oral_absorption.pkml");
  }

  @Test
  void withoutToken_http401PointsAtResourceMetadata_andTheInspectorReportsAuthRequired() throws Exception {
    HttpResponse<String> refused = bridge.post("/mcp", null, INIT, Map.of("Accept", "application/json, text/event-stream"));
    McpPeers.Outcome inspector = McpPeers.inspector(work, Map.of(), "--transport", "http", "--server-url", mcpUrl,
        "--method", "tools/list", "--stored-auth-only");
    McpPeers.Outcome client = McpPeers.client(work, Map.of(), "--http", mcpUrl, "--scenario", "list");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
        .startsWith("Bearer").contains("resource_metadata=\"http://127.0.0.1:" + bridge.port
            + "/.well-known/oauth-protected-resource\""));
    // Inspector exit code 3: authentication required.
    assertThat(inspector.exitCode()).as(inspector.describe()).isEqualTo(3);
    assertThat(client.exitCode()).as(client.describe()).isEqualTo(1);
    assertThat(client.summary().path("code").asInt()).as(client.describe()).isEqualTo(401);
  }

  @Test
  void viewerOverHttp_seesNoOperatorTool_andRunSimulationIsForbidden() throws Exception {
    McpPeers.Outcome run = McpPeers.client(work, bearer(bridge.mintToken("victor", "viewer")),
        "--http", mcpUrl, "--scenario", "viewer");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    JsonNode listed = run.steps().stream().filter(s -> "list".equals(s.path("step").asText())).findFirst().orElseThrow();
    assertThat(listed.path("tools").toString()).contains("get_simulation_results");
    for (String tool : OPERATOR_TOOLS) {
      assertThat(listed.path("tools").toString()).doesNotContain("\"" + tool + "\"");
    }
    assertThat(run.summary().path("refused").asText()).isEqualTo("Forbidden");
  }

  private static Map<String, String> bearer(String token) {
    Map<String, String> env = new HashMap<>();
    env.put("MCP_BEARER_TOKEN", token);
    return env;
  }

  private static JsonNode initialize(McpPeers.Outcome run) throws Exception {
    return run.steps().stream().filter(s -> "initialize".equals(s.path("step").asText())).findFirst().orElseThrow();
  }

  private static JsonNode result(McpPeers.Outcome inspector) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(inspector.stdout()).path("result");
  }

  private static List<String> toolNames(McpPeers.Outcome inspector) throws Exception {
    List<String> names = new ArrayList<>();
    result(inspector).path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  private static String[] with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
