package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;

/**
 * The deployment checklist's smoke workflow over REST, with its checks: load → set → run → poll →
 * results → PK. Shared by the tests that prove it with different token sources.
 */
final class SmokeWorkflow {
  private static final String MODEL = "one_compartment_iv_bolus.pkml";

  private SmokeWorkflow() {}

  /**
   * Runs the workflow as the holder of {@code token} on a fresh simulation {@code simulationId};
   * {@code headers} go with every request (e.g. a correlation id).
   */
  static void completes(RunningBridge bridge, String token, String simulationId, Map<String, String> headers) throws Exception {
    Map<String, String> confirmed = new HashMap<>(headers);
    confirmed.put("X-MCP-Confirm", "true");
    String sim = "\"simulationId\":\"" + simulationId + "\"";

    HttpResponse<String> loaded = bridge.post("/load_simulation", token, "{\"filePath\":\"" + MODEL + "\"," + sim + "}", confirmed);
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
    assertThat(RunningBridge.json(loaded).get("simulationId").asText()).isEqualTo(simulationId);

    HttpResponse<String> volume = bridge.post("/get_parameter_value", token,
        "{" + sim + ",\"parameterPath\":\"Organism|Central|Volume\"}", headers);
    assertThat(volume.statusCode()).as(volume.body()).isEqualTo(200);
    assertThat(RunningBridge.json(volume).get("parameter").get("value").asDouble()).isEqualTo(15.0);

    HttpResponse<String> set = bridge.post("/set_parameter_value", token,
        "{" + sim + ",\"parameterPath\":\"Organism|Central|Volume\",\"value\":20000,\"unit\":\"ml\"}", confirmed);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(RunningBridge.json(set).get("revision").asInt()).isEqualTo(2);
    assertThat(RunningBridge.json(set).get("parameter").get("value").asDouble()).isEqualTo(20.0);

    HttpResponse<String> run = bridge.post("/run_simulation", token, "{" + sim + "}", confirmed);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    String jobId = RunningBridge.json(run).get("jobId").asText();

    JsonNode status = awaitTerminal(bridge, token, jobId, headers);
    assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("succeeded");
    String resultsId = status.get("job").get("resultHandle").get("resultsId").asText();

    HttpResponse<String> results = bridge.post("/get_simulation_results", token, "{\"resultsId\":\"" + resultsId + "\"}", headers);
    assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
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
    double[] times = new ObjectMapper().treeToValue(body.get("times"), double[].class);
    int at600 = Arrays.binarySearch(times, 600.0);
    assertThat(at600).isGreaterThanOrEqualTo(0);
    assertThat(amount.get("values").get(at600).asDouble()).isCloseTo(100 * Math.exp(-3), Percentage.withPercentage(0.2));

    HttpResponse<String> pk = bridge.post("/calculate_pk_parameters", token,
        "{\"resultsId\":\"" + resultsId + "\",\"outputPath\":\"Organism|Central|Drug|Concentration\"}", headers);
    assertThat(pk.statusCode()).as(pk.body()).isEqualTo(200);
    JsonNode cmax = RunningBridge.json(pk).get("parameters").get("Organism|Central|Drug|Concentration").get("C_max");
    assertThat(cmax.get("value").asDouble()).isCloseTo(5.0, Percentage.withPercentage(0.01));
    assertThat(cmax.get("unit").asText()).isEqualTo("µmol/l");
  }

  static JsonNode awaitTerminal(RunningBridge bridge, String token, String jobId, Map<String, String> headers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode status = RunningBridge.json(bridge.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", headers));
      String s = status.get("status").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("job " + jobId + " did not finish in 60 s");
  }
}
