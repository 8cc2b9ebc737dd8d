package io.mcpbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.BridgeMcp;
import io.mcpbridge.mcp.McpServer;
import io.mcpbridge.mcp.McpServices;
import io.mcpbridge.testkit.tools.FakeBridgeTools;
import io.mcpbridge.testkit.tools.FakeJobs;
import io.mcpbridge.testkit.tools.RecordingAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 2026-07-28 (stateless) requests at /mcp beside 2025-era sessions, with bearer tokens, over real HTTP. */
class McpHttpModernIT {
  private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
  private final ObjectMapper json = BridgeJson.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeBridgeTools tools;
  private RunningServer server;
  private String url;

  @BeforeEach
  void start() {
    FakeJobs jobs = new FakeJobs();
    tools = new FakeBridgeTools(jobs, Clock.systemUTC(), Duration.ofMillis(20));
    io.mcpbridge.core.port.TokenVerifier verifier = token -> switch (token) {
      case "op-token" -> Principal.localUser("olga", Role.OPERATOR);
      case "other-op-token" -> Principal.localUser("oscar", Role.OPERATOR);
      case "viewer-token" -> Principal.localUser("victor", Role.VIEWER);
      default -> throw new AuthenticationException("unknown token");
    };
    Authenticator auth = new Authenticator(Optional.of(verifier), false, Optional.empty());
    RecordingAudit audit = new RecordingAudit();
    McpServer mcp = new McpServer(BridgeMcp.info("it"),
        BridgeMcp.features(new McpServices(tools, jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs), audit, Clock.systemUTC()), json), json);
    server = JavalinHttpApp.start(new HttpSettings("127.0.0.1", 0, 64 * 1024, "mcp-bridge", "it", "test"),
        new HttpServices(tools, auth, jobs, new io.mcpbridge.core.service.RegistryJobFollower(jobs, jobs), audit, Clock.systemUTC()),
        Optional.of(new McpEndpoint(mcp, McpHttpSettings.defaults())));
    url = "http://127.0.0.1:" + server.port() + "/mcp";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A conformant 2026-07-28 POST: headers mirror the body. */
  private HttpRequest.Builder modern(String token, String method, String name, String params) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", method).POST(HttpRequest.BodyPublishers.ofString(body));
    if (name != null) {
      b.header("Mcp-Name", name);
    }
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void withoutToken_aModernRequestGetsTheSameChallengeAsALegacyOne() throws Exception {
    HttpResponse<String> refused = send(modern(null, "server/discover", null, META));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer ")
        .contains("resource_metadata=\"http://127.0.0.1:" + server.port() + "/.well-known/oauth-protected-resource\"");
  }

  @Test
  void discoverAndList_needNoSession_andNoSessionIsMinted() throws Exception {
    HttpResponse<String> discover = send(modern("viewer-token", "server/discover", null, META));
    HttpResponse<String> list = send(modern("viewer-token", "tools/list", null, META)
        .header("Mcp-Session-Id", "ignored-in-2026"));

    assertThat(discover.statusCode()).isEqualTo(200);
    assertThat(body(discover).path("result").path("supportedVersions").toString()).contains("2026-07-28");
    assertThat(discover.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(body(list).path("result").path("tools").findValuesAsText("name")).contains("get_job_status")
        .doesNotContain("run_simulation");
  }

  @Test
  void headersThatDisagreeWithTheBody_are400HeaderMismatch_andNothingRuns() throws Exception {
    String params = "\"name\":\"discover_models\",\"arguments\":{}," + META;

    HttpResponse<String> wrongName = send(modern("op-token", "tools/call", "load_simulation", params));
    HttpResponse<String> noName = send(modern("op-token", "tools/call", null, params));
    HttpResponse<String> wrongMethod = send(modern("op-token", "tools/call", "discover_models", params)
        .setHeader("Mcp-Method", "tools/list"));
    HttpResponse<String> wrongVersion = send(modern("op-token", "tools/call", "discover_models", params)
        .setHeader("MCP-Protocol-Version", "2025-11-25"));

    for (HttpResponse<String> r : List.of(wrongName, noName, wrongMethod, wrongVersion)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(body(r).path("error").path("code").asInt()).isEqualTo(-32020);
      assertThat(body(r).path("id").asInt()).isEqualTo(4);
    }
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void base64EncodedName_isDecodedBeforeComparing() throws Exception {
    String encoded = "=?base64?" + java.util.Base64.getEncoder().encodeToString("discover_models".getBytes()) + "?=";

    HttpResponse<String> r = send(modern("viewer-token", "tools/call", encoded,
        "\"name\":\"discover_models\",\"arguments\":{}," + META));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(body(r).path("result").path("resultType").asText()).isEqualTo("complete");
  }

  @Test
  void unknownAndRemovedMethods_are404_unsupportedVersion400_missingMeta400() throws Exception {
    HttpResponse<String> ping = send(modern("op-token", "ping", null, META));
    HttpResponse<String> unsupported = send(modern("op-token", "tools/list", null,
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}").setHeader("MCP-Protocol-Version", "1900-01-01"));
    HttpResponse<String> noMeta = send(modern("op-token", "tools/list", null, "\"cursor\":null"));

    assertThat(ping.statusCode()).isEqualTo(404);
    assertThat(body(ping).path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(body(unsupported).path("error").path("data").path("supported").toString()).contains("2026-07-28");
    assertThat(noMeta.statusCode()).isEqualTo(400);
    assertThat(body(noMeta).path("error").path("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void confirmation_throughInputRequired_isBoundToTheCaller_andRunsTheToolOnce() throws Exception {
    String params = "\"name\":\"load_simulation\",\"arguments\":{\"filePath\":\"a.pkml\",\"simulationId\":\"s1\"}," + META;
    JsonNode asked = body(send(modern("op-token", "tools/call", "load_simulation", params))).path("result");
    String retry = params + ",\"requestState\":\"" + asked.path("requestState").asText()
        + "\",\"inputResponses\":{\"confirm\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}";

    HttpResponse<String> stolen = send(modern("other-op-token", "tools/call", "load_simulation", retry));
    HttpResponse<String> granted = send(modern("op-token", "tools/call", "load_simulation", retry));

    assertThat(asked.path("resultType").asText()).isEqualTo("input_required");
    assertThat(body(stolen).path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(body(granted).path("result").path("isError").asBoolean()).isFalse();
    assertThat(tools.calls()).hasSize(1);
  }

  @Test
  void getAndDeleteOfTheStatelessEra_are405() throws Exception {
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer op-token")
          .header("MCP-Protocol-Version", "2026-07-28").header("Accept", "text/event-stream")
          .method(method, HttpRequest.BodyPublishers.noBody()));
      assertThat(r.statusCode()).as(method).isEqualTo(405);
    }
  }

  @Test
  void aLegacySessionStillWorksOnTheSameEndpoint() throws Exception {
    HttpResponse<String> init = send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer op-token").POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}")));

    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.headers().firstValue("Mcp-Session-Id")).isPresent();
    assertThat(body(init).path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
  }
}
