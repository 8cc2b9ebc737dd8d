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

/** Streamable HTTP at /mcp on 127.0.0.1 with bearer tokens, driven by the JDK HTTP client. */
class McpHttpIT {
  private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
      + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  private final ObjectMapper json = BridgeJson.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningServer server;
  private String url;

  @BeforeEach
  void start() {
    FakeJobs jobs = new FakeJobs();
    FakeBridgeTools tools = new FakeBridgeTools(jobs, Clock.systemUTC(), Duration.ofMillis(20));
    io.mcpbridge.core.port.TokenVerifier verifier = token -> switch (token) {
      case "op-token" -> Principal.localUser("olga", Role.OPERATOR);
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

  private HttpRequest.Builder post(String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String session(String token) throws Exception {
    HttpResponse<String> init = send(post(token, INIT));
    assertThat(init.statusCode()).isEqualTo(200);
    return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  @Test
  void withoutToken_401PointsAtProtectedResourceMetadata_whichIsPublished() throws Exception {
    HttpResponse<String> refused = send(post(null, INIT));

    assertThat(refused.statusCode()).isEqualTo(401);
    String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"http://127.0.0.1:" + server.port()
        + "/.well-known/oauth-protected-resource\"");
    JsonNode metadata = json.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/.well-known/oauth-protected-resource"))).body());
    assertThat(metadata.path("resource").asText()).isEqualTo(url);
    assertThat(metadata.path("bearer_methods_supported").get(0).asText()).isEqualTo("header");
  }

  @Test
  void initialize_issuesSession_andLaterRequestsUseIt() throws Exception {
    String session = session("op-token");

    HttpResponse<String> initialized = send(post("op-token", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25"));
    HttpResponse<String> list = send(post("op-token", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25"));

    assertThat(initialized.statusCode()).isEqualTo(202);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json.readTree(list.body()).path("result").path("tools").size()).isEqualTo(10);
  }

  @Test
  void givenOneCallerOpeningManySessions_theirOldestIsClosed_andOtherCallersKeepTheirs() throws Exception {
    String viewers = session("viewer-token");
    String first = session("op-token");
    for (int i = 1; i < McpHttpRoutes.MAX_SESSIONS_PER_CALLER; i++) {
      session("op-token");
    }

    session("op-token"); // one more than the per-caller limit

    String ping = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";
    assertThat(send(post("op-token", ping).header("Mcp-Session-Id", first).header("MCP-Protocol-Version", "2025-11-25"))
        .statusCode()).isEqualTo(404);
    assertThat(send(post("viewer-token", ping).header("Mcp-Session-Id", viewers).header("MCP-Protocol-Version", "2025-11-25"))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void viewerToken_seesNoOperatorTools() throws Exception {
    String session = session("viewer-token");

    JsonNode tools = json.readTree(send(post("viewer-token", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
        .header("Mcp-Session-Id", session)).body()).path("result").path("tools");

    assertThat(tools.findValuesAsText("name")).doesNotContain("run_simulation", "load_simulation").contains("get_job_status");
  }

  @Test
  void sessionErrors_missing400_unknown404_otherCaller404_deleted404() throws Exception {
    String session = session("op-token");
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}";

    assertThat(send(post("op-token", ping)).statusCode()).isEqualTo(400);
    assertThat(send(post("op-token", ping).header("Mcp-Session-Id", "nope")).statusCode()).isEqualTo(404);
    assertThat(send(post("viewer-token", ping).header("Mcp-Session-Id", session)).statusCode()).isEqualTo(404);
    HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer op-token")
        .header("Mcp-Session-Id", session).DELETE());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(send(post("op-token", ping).header("Mcp-Session-Id", session)).statusCode()).isEqualTo(404);
  }

  @Test
  void unsupportedProtocolVersion_is400() throws Exception {
    String session = session("op-token");

    HttpResponse<String> r = send(post("op-token", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")
        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "1999-01-01"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("2025-11-25").doesNotContain("Exception");
  }

  @Test
  void foreignOrigin_is403() throws Exception {
    HttpResponse<String> r = send(post("op-token", INIT).header("Origin", "http://evil.example"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(send(post("op-token", INIT).header("Origin", "http://localhost:3000")).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedBody_isParseError_andGetIs405() throws Exception {
    String session = session("op-token");

    HttpResponse<String> bad = send(post("op-token", "{nope").header("Mcp-Session-Id", session));
    HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer op-token")
        .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET());

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void oversizedBody_is413() throws Exception {
    String session = session("op-token");

    HttpResponse<String> r = send(post("op-token", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"pad\":\""
        + "x".repeat(70 * 1024) + "\"}}").header("Mcp-Session-Id", session));

    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void toolCallAcceptingSse_streamsProgressThenTheResult() throws Exception {
    String session = session("op-token");
    String nonce = json.readTree(send(post("op-token", call("load_simulation", "{\"filePath\":\"a.pkml\",\"simulationId\":\"s1\"}", ""))
        .header("Mcp-Session-Id", session)).body().lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow()
        .substring(6)).path("result").path("_meta").path("io.mcpbridge/confirmation").asText();
    send(post("op-token", call("load_simulation", "{\"filePath\":\"a.pkml\",\"simulationId\":\"s1\"}",
        "\"io.mcpbridge/confirmation\":\"" + nonce + "\"")).header("Mcp-Session-Id", session));
    String runNonce = nonceOf(send(post("op-token", call("run_simulation", "{\"simulationId\":\"s1\"}", ""))
        .header("Mcp-Session-Id", session)).body());

    HttpResponse<String> run = send(post("op-token", call("run_simulation", "{\"simulationId\":\"s1\"}",
        "\"progressToken\":\"p1\",\"io.mcpbridge/confirmation\":\"" + runNonce + "\"")).header("Mcp-Session-Id", session));

    assertThat(run.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    List<JsonNode> events = run.body().lines().filter(l -> l.startsWith("data: "))
        .map(l -> { try { return json.readTree(l.substring(6)); } catch (Exception e) { throw new AssertionError(e); } })
        .toList();
    assertThat(events.subList(0, events.size() - 1)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("method").asText()).isEqualTo("notifications/progress"));
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("result").path("isError").asBoolean()).isFalse();
    assertThat(last.path("result").path("content").toString()).contains("succeeded");
  }

  private String nonceOf(String sseBody) throws Exception {
    String data = sseBody.lines().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElseThrow().substring(6);
    return json.readTree(data).path("result").path("_meta").path("io.mcpbridge/confirmation").asText();
  }

  private static String call(String tool, String args, String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":"
        + args + ",\"_meta\":{" + meta + "}}}";
  }
}
