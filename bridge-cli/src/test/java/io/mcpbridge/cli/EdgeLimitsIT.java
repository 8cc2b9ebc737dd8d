package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits and the admin-only audit view at the real HTTP edge. */
class EdgeLimitsIT {
  private static final String DISCOVER = "{}";
  @TempDir Path work;

  @Test
  void givenLimitOfFive_sixthRequestOfAPrincipal_gets429AndOthersAreUnaffected() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("AUTH_RATE_LIMIT_PER_MINUTE", "5");
    try (RunningBridge bridge = RunningBridge.start(work, env)) {
      String alice = bridge.mintToken("alice", "viewer");
      String bob = bridge.mintToken("bob", "viewer");
      for (int i = 0; i < 5; i++) {
        assertThat(bridge.post("/discover_models", alice, DISCOVER, Map.of()).statusCode()).isEqualTo(200);
      }

      HttpResponse<String> limited = bridge.post("/discover_models", alice, DISCOVER, Map.of());

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(RunningBridge.json(limited).get("error").get("code").asText()).isEqualTo("RateLimited");
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
          assertThat(Long.parseLong(v)).isBetween(1L, 60L));
      assertThat(bridge.post("/discover_models", bob, DISCOVER, Map.of()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenRepeatedBadTokens_clientAddress_isRateLimited() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("AUTH_RATE_LIMIT_PER_MINUTE", "3");
    try (RunningBridge bridge = RunningBridge.start(work, env)) {
      for (int i = 0; i < 3; i++) {
        assertThat(bridge.post("/discover_models", "not-a-token-" + i, DISCOVER, Map.of()).statusCode()).isEqualTo(401);
      }

      assertThat(bridge.post("/discover_models", "not-a-token", DISCOVER, Map.of()).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void givenForeignOriginOrHost_restRoutes_areForbidden() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String token = bridge.mintToken("victor", "viewer");

      HttpResponse<String> foreign = bridge.post("/discover_models", token, DISCOVER, Map.of("Origin", "http://evil.example"));
      HttpResponse<String> local = bridge.post("/discover_models", token, DISCOVER,
          Map.of("Origin", "http://localhost:" + bridge.port));

      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(RunningBridge.json(foreign).get("error").get("code").asText()).isEqualTo("Forbidden");
      assertThat(local.statusCode()).isEqualTo(200);
      // A rebound name reaches the loopback server with a foreign Host header (the JDK client cannot set Host).
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", bridge.port)) {
        socket.getOutputStream().write(("GET /openapi.json HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
            java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        assertThat(status).contains(" 403 ");
      }
    }
  }

  @Test
  void givenARunningServer_aSecondProcessOnTheSameRegistry_isRefusedClearly() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("AUDIT_ENABLED", "false"); // so only the registry, not the audit trail's own lock, can refuse
    try (RunningBridge bridge = RunningBridge.start(work, env)) {
      BridgeProcess.Outcome second = BridgeProcess.run(work, env, "call", "discover_models");

      assertThat(second.exitCode()).isEqualTo(4);
      assertThat(second.stderr()).contains("another bridge process owns the job registry");
    }
  }

  @Test
  void givenARefusedToken_authFailure_isAuditedWithoutTheToken() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String admin = bridge.mintToken("ada", "admin");
      String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2VjcmV0LXNpZ25hdHVyZQ";
      assertThat(bridge.post("/discover_models", forged, DISCOVER, Map.of("X-Correlation-Id", "corr-forged")).statusCode())
          .isEqualTo(401);

      HttpResponse<String> page = bridge.get("/audit/events?type=auth.&correlationId=corr-forged", admin, Map.of());

      var events = RunningBridge.json(page).get("events");
      assertThat(events).hasSize(1);
      var event = events.get(0).get("event");
      assertThat(event.get("eventType").asText()).isEqualTo("auth.failed");
      assertThat(event.get("summary").get("path").asText()).isEqualTo("/discover_models");
      assertThat(event.get("identity").get("subject").asText()).isEqualTo("unauthenticated");
      assertThat(page.body()).doesNotContain(forged).doesNotContain("c2VjcmV0LXNpZ25hdHVyZQ");
    }
  }

  @Test
  void auditEvents_areForAdminsOnly_andListToolCalls() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String viewer = bridge.mintToken("victor", "viewer");
      String admin = bridge.mintToken("ada", "admin");
      bridge.post("/discover_models", viewer, DISCOVER, Map.of("X-Correlation-Id", "corr-audit-1"));

      assertThat(bridge.get("/audit/events", viewer, Map.of()).statusCode()).isEqualTo(403);
      HttpResponse<String> page = bridge.get("/audit/events?type=tool.&correlationId=corr-audit-1", admin, Map.of());

      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      var events = RunningBridge.json(page).get("events");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("event").get("eventType").asText()).isEqualTo("tool.discover_models");
      assertThat(events.get(0).get("event").get("identity").get("subject").asText()).isEqualTo("victor");
      assertThat(events.get(0).get("hash").asText()).hasSize(64);
    }
  }
}
