package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

      HttpResponse<String> loaded = bridge.post("/load_simulation", token,
          "{\"filePath\":\"one_compartment_iv_bolus.pkml\",\"simulationId\":\"smoke\"}", CONFIRM);
      assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
      assertThat(RunningBridge.json(loaded).get("simulationId").asText()).isEqualTo("smoke");

      HttpResponse<String> volume = bridge.post("/get_parameter_value", token,
          "{\"simulationId\":\"smoke\",\"parameterPath\":\"Organism|Central|Volume\"}", Map.of());
      assertThat(RunningBridge.json(volume).get("parameter").get("value").asDouble()).isEqualTo(15.0);

      HttpResponse<String> set = bridge.post("/set_parameter_value", token,
          "{\"simulationId\":\"smoke\",\"parameterPath\":\"Organism|Central|Volume\",\"value\":20000,\"unit\":\"ml\"}", CONFIRM);
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      assertThat(RunningBridge.json(set).get("revision").asInt()).isEqualTo(2);
      assertThat(RunningBridge.json(set).get("parameter").get("value").asDouble()).isEqualTo(20.0);

      HttpResponse<String> run = bridge.post("/run_simulation", token, "{\"simulationId\":\"smoke\"}", CONFIRM);
      assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
      String jobId = RunningBridge.json(run).get("jobId").asText();

      JsonNode status = awaitTerminal(bridge, token, jobId);
      assertThat(status.get("status").asText()).isEqualTo("succeeded");
      String resultsId = status.get("job").get("resultHandle").get("resultsId").asText();

      HttpResponse<String> results = bridge.post("/get_simulation_results", token,
          "{\"resultsId\":\"" + resultsId + "\"}", Map.of());
      JsonNode body = RunningBridge.json(results);
      JsonNode amount = null;
      for (JsonNode s : body.get("series")) {
        if (s.get("path").asText().equals("Organism|Central|Drug")) {
          amount = s;
        }
      }
      assertThat(amount).isNotNull();
      // Revision 2 has V = 20 l: A(t) = 100 e^(-CL/V t); at t = 600 min, 100 e^(-3) = 4.9787 µmol.
      // Tolerance 2e-3 relative: the file's own tolerances (1e-5 rel) and float32 reporting.
      double[] times = new com.fasterxml.jackson.databind.ObjectMapper().treeToValue(body.get("times"), double[].class);
      int at600 = java.util.Arrays.binarySearch(times, 600.0);
      assertThat(at600).isGreaterThanOrEqualTo(0);
      assertThat(amount.get("values").get(at600).asDouble()).isCloseTo(100 * Math.exp(-3), org.assertj.core.data.Percentage.withPercentage(0.2));

      HttpResponse<String> pk = bridge.post("/calculate_pk_parameters", token,
          "{\"resultsId\":\"" + resultsId + "\",\"outputPath\":\"Organism|Central|Drug|Concentration\"}", Map.of());
      assertThat(pk.statusCode()).as(pk.body()).isEqualTo(200);
      JsonNode cmax = RunningBridge.json(pk).get("parameters").get("Organism|Central|Drug|Concentration").get("C_max");
      assertThat(cmax.get("value").asDouble()).isCloseTo(5.0, org.assertj.core.data.Percentage.withPercentage(0.01));
      assertThat(cmax.get("unit").asText()).isEqualTo("µmol/l");
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

  static JsonNode awaitTerminal(RunningBridge bridge, String token, String jobId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode status = RunningBridge.json(bridge.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", Map.of()));
      String s = status.get("status").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("job " + jobId + " did not finish in 60 s");
  }
}
