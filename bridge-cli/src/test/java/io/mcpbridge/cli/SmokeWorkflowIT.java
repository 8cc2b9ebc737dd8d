package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment checklist's smoke workflow against the real server: load → set → run → poll →
 * results → PK over HTTP with a development token, then the audit trail verifies.
 */
class SmokeWorkflowIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  @TempDir Path work;

  @Test
  void givenOperatorToken_smokeWorkflow_producesResultsAndPkAndAuditVerifies() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String token = bridge.mintToken("alice", "operator");

      SmokeWorkflow.completes(bridge, token, "smoke", Map.of());
    }
    BridgeProcess.Outcome verify = BridgeProcess.run(work, Map.of(), "audit", "verify", work.resolve("var/audit").toString());
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
  }

  @Test
  void givenViewerToken_runSimulation_isForbiddenAndNoJobStarts() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String operator = bridge.mintToken("alice", "operator");
      String viewer = bridge.mintToken("victor", "viewer");
      bridge.post("/load_simulation", operator, "{\"filePath\":\"oral_absorption.pkml\",\"simulationId\":\"v\"}", CONFIRM);

      HttpResponse<String> refused = bridge.post("/run_simulation", viewer, "{\"simulationId\":\"v\"}", CONFIRM);

      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(RunningBridge.json(refused).get("error").get("code").asText()).isEqualTo("Forbidden");
      HttpResponse<String> noToken = bridge.post("/list_parameters", null, "{\"simulationId\":\"v\"}", Map.of());
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }
  }

  @Test
  void givenCriticalToolWithoutConfirmation_call_answers428AndChangesNothing() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(work, RunningBridge.developmentEnv(work, RunningBridge.freePort()))) {
      String token = bridge.mintToken("alice", "operator");

      HttpResponse<String> unconfirmed = bridge.post("/load_simulation", token,
          "{\"filePath\":\"oral_absorption.pkml\",\"simulationId\":\"c\"}", Map.of());

      assertThat(unconfirmed.statusCode()).isEqualTo(428);
      assertThat(RunningBridge.json(unconfirmed).get("error").get("code").asText()).isEqualTo("ConfirmationRequired");
      HttpResponse<String> absent = bridge.post("/list_parameters", token, "{\"simulationId\":\"c\"}", Map.of());
      assertThat(absent.statusCode()).isEqualTo(404);
    }
  }
}
