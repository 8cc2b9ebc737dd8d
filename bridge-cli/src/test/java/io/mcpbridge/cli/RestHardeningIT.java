package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over REST against the real server: hostile model paths, oversized and malformed
 * bodies. Each gets 400 (or 413) with the error body and correlation id, no stack trace, and
 * changes nothing; plus idempotent submission and the OpenAPI document.
 */
class RestHardeningIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final int MAX_BODY = 4096;
  private static final List<String> TOOLS = List.of("discover_models", "load_simulation", "list_parameters",
      "get_parameter_value", "set_parameter_value", "run_simulation", "get_job_status", "cancel_job",
      "get_simulation_results", "calculate_pk_parameters", "run_population_simulation", "get_population_results",
      "plot_results", "run_sensitivity_analysis", "get_sensitivity_results", "run_global_sensitivity_analysis",
      "get_global_sensitivity_results");

  @TempDir static Path work;
  private static RunningBridge bridge;
  private static String token;
  private static Path models;

  @BeforeAll
  static void start() throws Exception {
    models = work.resolve("models");
    Path outside = work.resolve("outside");
    Files.createDirectories(models);
    Files.createDirectories(outside);
    Files.copy(ModelFixtures.BUNDLED.resolve("oral_absorption.pkml"), models.resolve("oral.pkml"));
    Files.copy(ModelFixtures.BUNDLED.resolve("oral_absorption.pkml"), outside.resolve("secret.pkml"));
    Files.writeString(models.resolve("notes.txt"), "not a model");
    Files.createSymbolicLink(models.resolve("escape.pkml"), outside.resolve("secret.pkml"));
    // A FIFO blocks whoever opens it for reading until a writer appears: opening it would hang the call.
    mkfifo(models.resolve("trap.pkml"));
    mkfifo(outside.resolve("trap.pkml"));
    Files.createSymbolicLink(models.resolve("trap-link.pkml"), outside.resolve("trap.pkml"));

    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("MCP_MODEL_SEARCH_PATHS", models.toString());
    env.put("HTTP_MAX_REQUEST_BYTES", Integer.toString(MAX_BODY));
    bridge = RunningBridge.start(work, env);
    token = bridge.mintToken("alice", "operator");
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void givenHostileModelPaths_loadSimulation_answers400WithTheErrorBodyAndLoadsNothing() throws Exception {
    List<String> hostile = List.of(
        "../outside/secret.pkml",
        "oral.pkml/../../outside/secret.pkml",
        work.resolve("outside/secret.pkml").toString(),
        "escape.pkml",
        "%2e%2e/outside/secret.pkml",
        "..%2Foutside%2Fsecret.pkml",
        "oral\u0000.pkml",
        "notes.txt",
        "/etc/passwd",
        "trap.pkml",
        "trap-link.pkml");
    for (int i = 0; i < hostile.size(); i++) {
      String body = RunningBridge.JSON_WRITER.writeValueAsString(Map.of("filePath", hostile.get(i), "simulationId", "h" + i));
      long started = System.nanoTime();

      HttpResponse<String> r = bridge.post("/load_simulation", token, body, CONFIRM);

      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("answered without blocking on a FIFO")
          .isLessThan(10);
      assertErrorBody(r, 400, "InvalidInput");
      assertThat(RunningBridge.json(r).get("error").get("details").get(0).get("field").asText()).isEqualTo("filePath");
      assertThat(bridge.post("/list_parameters", token, "{\"simulationId\":\"h" + i + "\"}", Map.of()).statusCode())
          .as("no simulation was created for " + hostile.get(i)).isEqualTo(404);
    }
  }

  @Test
  void givenAnAllowedModel_loadSimulation_stillWorks() throws Exception {
    HttpResponse<String> r = bridge.post("/load_simulation", token, "{\"filePath\":\"oral.pkml\",\"simulationId\":\"ok\"}", CONFIRM);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void givenABodyOverTheLimit_anyTool_answers413WithTheErrorBody() throws Exception {
    String big = "{\"simulationId\":\"" + "x".repeat(MAX_BODY * 2) + "\",\"parameterPath\":\"a\"}";

    HttpResponse<String> r = bridge.post("/get_parameter_value", token, big, Map.of());

    assertErrorBody(r, 413, "InvalidInput");
  }

  @Test
  void givenMalformedOrMistypedJson_tools_answer400NamingTheField() throws Exception {
    assertErrorBody(bridge.post("/get_parameter_value", token, "{\"simulationId\":", Map.of()), 400, "InvalidInput");

    HttpResponse<String> unknown = bridge.post("/get_parameter_value", token,
        "{\"simulationId\":\"s\",\"parameterPath\":\"p\",\"bogus\":1}", Map.of());
    assertErrorBody(unknown, 400, "InvalidInput");
    assertThat(fields(unknown)).contains("bogus");

    HttpResponse<String> missing = bridge.post("/get_parameter_value", token, "{\"parameterPath\":\"p\"}", Map.of());
    assertErrorBody(missing, 400, "InvalidInput");
    assertThat(fields(missing)).contains("simulationId");

    HttpResponse<String> wrongType = bridge.post("/set_parameter_value", token,
        "{\"simulationId\":\"ok\",\"parameterPath\":\"Organism|Weight\",\"value\":\"heavy\"}", CONFIRM);
    assertErrorBody(wrongType, 400, "InvalidInput");
    assertThat(fields(wrongType)).contains("value");

    HttpResponse<String> notAnObject = bridge.post("/get_job_status", token, "[1,2]", Map.of());
    assertErrorBody(notAnObject, 400, "InvalidInput");
  }

  @Test
  void givenACallerCorrelationId_errors_echoIt() throws Exception {
    HttpResponse<String> r = bridge.post("/get_job_status", token, "{\"jobId\":\"no-such-job\"}",
        Map.of("X-Correlation-Id", "trace-42"));

    assertErrorBody(r, 404, "NotFound");
    assertThat(r.headers().firstValue("X-Correlation-Id")).contains("trace-42");
    assertThat(RunningBridge.json(r).get("error").get("correlationId").asText()).isEqualTo("trace-42");
  }

  @Test
  void givenAnIdempotencyKeyHeader_runSimulation_returnsTheSameJobAndRefusesOtherArguments() throws Exception {
    bridge.post("/load_simulation", token, "{\"filePath\":\"oral.pkml\",\"simulationId\":\"idem\"}", CONFIRM);
    Map<String, String> headers = Map.of("X-MCP-Confirm", "true", "Idempotency-Key", "nightly-42");

    HttpResponse<String> first = bridge.post("/run_simulation", token, "{\"simulationId\":\"idem\",\"timeoutSeconds\":60}", headers);
    HttpResponse<String> again = bridge.post("/run_simulation", token, "{\"simulationId\":\"idem\",\"timeoutSeconds\":60}", headers);
    HttpResponse<String> changed = bridge.post("/run_simulation", token, "{\"simulationId\":\"idem\",\"timeoutSeconds\":61}", headers);
    String bob = bridge.mintToken("bob", "operator");
    HttpResponse<String> bobs = bridge.post("/run_simulation", bob, "{\"simulationId\":\"idem\",\"timeoutSeconds\":60}", headers);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(RunningBridge.json(again).get("jobId").asText()).isEqualTo(RunningBridge.json(first).get("jobId").asText());
    assertThat(RunningBridge.json(again).get("deduplicated").asBoolean()).isTrue();
    assertErrorBody(changed, 409, "Conflict");
    assertThat(bobs.statusCode()).isEqualTo(202);
    assertThat(RunningBridge.json(bobs).get("jobId").asText()).isNotEqualTo(RunningBridge.json(first).get("jobId").asText());
  }

  @Test
  void givenTheOpenApiDocument_itParsesAndDescribesEveryToolWithSchemas() throws Exception {
    HttpResponse<String> r = bridge.get("/openapi.json", null, Map.of());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = RunningBridge.json(r);
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    for (String tool : TOOLS) {
      JsonNode post = doc.get("paths").get("/" + tool).get("post");
      assertThat(post).as(tool).isNotNull();
      JsonNode input = post.get("requestBody").get("content").get("application/json").get("schema");
      assertThat(input.get("type").asText()).as(tool).isEqualTo("object");
      assertThat(input.get("properties").size()).as(tool).isPositive();
      assertThat(post.get("responses").get("400").get("content").get("application/json").get("schema").get("$ref").asText())
          .isEqualTo("#/components/schemas/Error");
    }
    assertThat(doc.get("paths").get("/set_parameter_value").get("post").get("requestBody").get("content")
        .get("application/json").get("schema").get("required").toString()).contains("simulationId", "parameterPath", "value");
    for (String format : List.of("png", "svg")) {
      JsonNode get = doc.get("paths").get("/results/{resultsId}/plot." + format).get("get");
      assertThat(get).as(format).isNotNull();
      assertThat(get.get("parameters").findValuesAsText("name")).containsExactly("resultsId", "output", "scale", "unit",
          "width", "height");
      assertThat(get.get("responses").get("200").get("content").fieldNames().next()).startsWith("image/");
    }
  }

  private static List<String> fields(HttpResponse<String> r) throws Exception {
    List<String> out = new ArrayList<>();
    RunningBridge.json(r).get("error").get("details").forEach(d -> out.add(d.get("field").asText()));
    return out;
  }

  private static void assertErrorBody(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = RunningBridge.json(r).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("correlationId").asText()).isNotBlank();
    assertThat(r.headers().firstValue("X-Correlation-Id")).contains(error.get("correlationId").asText());
    assertThat(r.body()).doesNotContain("\tat ", "at io.mcpbridge", "at java.", "Exception");
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor()).isZero();
  }
}
