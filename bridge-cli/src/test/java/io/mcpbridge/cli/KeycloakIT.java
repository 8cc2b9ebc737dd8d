package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bridge in production mode behind a real Keycloak (the {@code lab} realm of
 * {@code keycloak/bridge-realm.json}, started by {@code scripts/keycloak.sh}): people log in with the
 * password grant, the pipeline with client credentials, and the bridge maps Keycloak's client roles
 * of {@code mcp-bridge} and recognises the service account; people sign in to the web console in
 * Chromium (client {@code bridge-console}). One Keycloak and one bridge serve all checks, because
 * Keycloak's start dominates the time.
 */
class KeycloakIT {
  private static final String AUDIENCE = "mcp-bridge";
  private static final String LOGIN_CLIENT = "lab-cli";
  private static final String OTHER_SERVICE_CLIENT = "lab-notebook";
  private static final String PIPELINE_CLIENT = "lab-pipeline";
  private static final String CONSOLE_CLIENT = "bridge-console";
  // Test-only credentials, the same as in bridge-realm.json.
  private static final String PIPELINE_SECRET = "lab-pipeline-TEST-ONLY-secret";
  private static final String OLGA_PASSWORD = "olga-TEST-ONLY-password";
  private static final String VICTOR_PASSWORD = "victor-TEST-ONLY-password";
  private static final String ADA_PASSWORD = "ada-TEST-ONLY-password";
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");

  @TempDir static Path work;
  private static LocalKeycloak keycloak;
  private static RunningBridge bridge;

  @BeforeAll
  static void startKeycloakAndBridge() throws Exception {
    keycloak = LocalKeycloak.start(RunningBridge.freePort(), work.resolve("keycloak"));
    Path bridgeWork = work.resolve("bridge");
    Map<String, String> env = RunningBridge.productionEnv(bridgeWork, RunningBridge.freePort(), keycloak.issuer, AUDIENCE);
    env.put("CONSOLE_ENABLED", "true");
    env.put("AUTH_CONSOLE_CLIENT_ID", CONSOLE_CLIENT);
    bridge = RunningBridge.start(bridgeWork, env);
  }

  @AfterAll
  static void stopBridgeAndKeycloak() throws Exception {
    try {
      if (bridge != null) {
        bridge.close();
      }
    } finally {
      if (keycloak != null) {
        keycloak.close();
      }
    }
  }

  @Test
  void givenOperatorLogin_smokeWorkflow_completesAndIsAuditedAsThatPerson() throws Exception {
    String olga = keycloak.passwordToken(LOGIN_CLIENT, "olga", OLGA_PASSWORD);
    String correlation = "kc-operator-smoke";

    SmokeWorkflow.completes(bridge, olga, "kc-operator", Map.of("X-Correlation-Id", correlation));

    List<JsonNode> identities = auditedIdentities(correlation);
    assertThat(identities).isNotEmpty().allSatisfy(identity -> {
      assertThat(identity.get("subject").asText()).isEqualTo(subjectOf(olga));
      assertThat(identity.get("issuer").asText()).isEqualTo(keycloak.issuer);
      assertThat(identity.get("roles").toString()).isEqualTo("[\"operator\"]");
      assertThat(identity.get("serviceAccount").asBoolean()).isFalse();
    });
  }

  @Test
  void givenOperatorLogin_mcpClientOverHttp_completesSmokeWorkflowAuditedAsThatPerson() throws Exception {
    String olga = keycloak.passwordToken(LOGIN_CLIENT, "olga", OLGA_PASSWORD);
    String correlation = "kc-operator-mcp";

    McpPeers.Outcome run = McpPeers.client(work.resolve("mcp-client"),
        Map.of("MCP_BEARER_TOKEN", olga, "MCP_CORRELATION_ID", correlation),
        "--http", "http://127.0.0.1:" + bridge.port + "/mcp", "--elicitation", "--simulation", "kc-mcp");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.summary().path("cmax").asDouble()).isEqualTo(5.0, org.assertj.core.data.Offset.offset(5e-4));
    assertThat(run.summary().path("progress").asInt()).isPositive();
    List<JsonNode> identities = auditedIdentities(correlation);
    assertThat(identities).isNotEmpty().allSatisfy(identity -> {
      assertThat(identity.get("subject").asText()).isEqualTo(subjectOf(olga));
      assertThat(identity.get("issuer").asText()).isEqualTo(keycloak.issuer);
    });
  }

  @Test
  void givenClientCredentialsToken_smokeWorkflow_completesAndAuditMarksTheServiceAccount() throws Exception {
    String pipeline = keycloak.clientCredentialsToken(PIPELINE_CLIENT, PIPELINE_SECRET);
    String correlation = "kc-pipeline-smoke";

    SmokeWorkflow.completes(bridge, pipeline, "kc-pipeline", Map.of("X-Correlation-Id", correlation));

    List<JsonNode> identities = auditedIdentities(correlation);
    assertThat(identities).isNotEmpty().allSatisfy(identity -> {
      assertThat(identity.get("subject").asText()).isEqualTo(subjectOf(pipeline));
      assertThat(identity.get("roles").toString()).isEqualTo("[\"operator\"]");
      assertThat(identity.get("serviceAccount").asBoolean()).isTrue();
    });
  }

  @Test
  void givenViewerLogin_listParametersIsAllowed_butRunSimulationAndAuditAreForbidden() throws Exception {
    String olga = keycloak.passwordToken(LOGIN_CLIENT, "olga", OLGA_PASSWORD);
    String victor = keycloak.passwordToken(LOGIN_CLIENT, "victor", VICTOR_PASSWORD);
    HttpResponse<String> loaded = bridge.post("/load_simulation", olga,
        "{\"filePath\":\"one_compartment_iv_bolus.pkml\",\"simulationId\":\"kc-viewer\"}", CONFIRM);
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);

    HttpResponse<String> listed = bridge.post("/list_parameters", victor, "{\"simulationId\":\"kc-viewer\"}", Map.of());
    HttpResponse<String> refused = bridge.post("/run_simulation", victor, "{\"simulationId\":\"kc-viewer\"}", CONFIRM);
    HttpResponse<String> audit = bridge.get("/audit/events", victor, Map.of());

    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains("Organism|Central|Volume");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(RunningBridge.json(refused).get("error").get("code").asText()).isEqualTo("Forbidden");
    assertThat(audit.statusCode()).isEqualTo(403);
  }

  @Test
  void withoutToken_answers401WithBearerChallenge() throws Exception {
    HttpResponse<String> refused = bridge.post("/discover_models", null, "{}", Map.of());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(RunningBridge.json(refused).get("error").get("code").asText()).isEqualTo("Unauthenticated");
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
  }

  @Test
  void givenSamePersonsTokenForAnotherAudience_answers401() throws Exception {
    String forNotebook = keycloak.passwordToken(OTHER_SERVICE_CLIENT, "olga", OLGA_PASSWORD);
    String forBridge = keycloak.passwordToken(LOGIN_CLIENT, "olga", OLGA_PASSWORD);
    JsonNode claims = LocalKeycloak.claims(forNotebook);
    // Same issuer, same key, same person: only the audience differs.
    assertThat(claims.get("iss").asText()).isEqualTo(keycloak.issuer);
    assertThat(claims.get("aud").toString()).doesNotContain(AUDIENCE);

    HttpResponse<String> refused = bridge.post("/discover_models", forNotebook, "{}", Map.of());
    HttpResponse<String> accepted = bridge.post("/discover_models", forBridge, "{}", Map.of());

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    assertThat(RunningBridge.json(refused).get("error").get("message").asText()).contains("audience");
    assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
  }

  @Test
  void console_inChromium_signsInThroughKeycloak_runsTheWorkflow_enforcesRoles_andIsAccessible() throws Exception {
    Path screenshots = Path.of("target", "console-screenshots").toAbsolutePath();
    if (java.nio.file.Files.isDirectory(screenshots)) {
      try (var old = java.nio.file.Files.list(screenshots)) {
        for (Path f : old.toList()) {
          java.nio.file.Files.delete(f);
        }
      }
    }

    ConsoleBrowser.Outcome run = ConsoleBrowser.run(work.resolve("browser"), Map.of(
        "CONSOLE_URL", "http://127.0.0.1:" + bridge.port,
        "SCREENSHOT_DIR", screenshots.toString(),
        "OPERATOR", "olga:" + OLGA_PASSWORD,
        "VIEWER", "victor:" + VICTOR_PASSWORD,
        "ADMIN", "ada:" + ADA_PASSWORD,
        "MODEL_FILE", "one_compartment_iv_bolus.pkml",
        "SIMULATION_ID", "kc-console"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode report = run.report();
    assertThat(report.path("ok").asBoolean()).as(run.output()).isTrue();
    assertThat(report.path("progress").asText().trim()).isEqualTo("100 %");
    assertThat(report.path("viewerRunStatus").asInt()).isEqualTo(403);
    assertThat(report.path("signedOutAtIdentityProvider").asBoolean()).isTrue();
    assertThat(report.path("auditVerdict").asText()).startsWith("Verified");
    assertThat(report.path("csvRows").asInt()).isGreaterThan(10);
    List<String> pages = new ArrayList<>();
    report.path("pages").forEach(p -> pages.add(p.asText()));
    assertThat(pages).contains("sign-in", "models", "confirm-load", "simulation", "confirm-set", "run", "results", "jobs",
        "simulation-viewer", "audit");
    try (var files = java.nio.file.Files.list(screenshots)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(pages.size());
    }
    // The bridge logged the sessions but never a token.
    String log = java.nio.file.Files.readString(work.resolve("bridge").resolve("serve.log"));
    assertThat(log).contains("console session started").doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.");
  }

  /** The identities of the tool calls recorded under {@code correlationId}, read as the admin. */
  private static List<JsonNode> auditedIdentities(String correlationId) throws Exception {
    String ada = keycloak.passwordToken(LOGIN_CLIENT, "ada", ADA_PASSWORD);
    HttpResponse<String> page = bridge.get("/audit/events?type=tool.&limit=1000&correlationId=" + correlationId, ada, Map.of());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    List<JsonNode> identities = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode record : RunningBridge.json(page).get("events")) {
      identities.add(record.get("event").get("identity"));
      types.add(record.get("event").get("eventType").asText());
    }
    assertThat(types).contains("tool.load_simulation", "tool.run_simulation", "tool.calculate_pk_parameters");
    return identities;
  }

  private static String subjectOf(String token) throws Exception {
    return LocalKeycloak.claims(token).get("sub").asText();
  }
}
