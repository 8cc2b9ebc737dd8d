package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a real {@code bridge serve}: token, separate port, series after real jobs, promtool. */
class MetricsIT {
  static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final String METRICS_TOKEN = "scrape-token-0123456789abcdef";
  // A label value that is a job id, a UUID or a file path would make the series unbounded.
  private static final Pattern UNBOUNDED_LABEL = Pattern.compile(
      "=\"[^\"]*([0-9a-f]{8}-[0-9a-f]{4}|\\.pkml|/tmp/)[^\"]*\"");

  @TempDir Path work;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void afterRealJobsTheScrapeHoldsTheirSeriesBehindItsTokenAndPassesPromtool() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    try (RunningBridge bridge = RunningBridge.start(work.resolve("server"), env)) {
      String token = bridge.mintToken("alice", "operator");
      runOneJobToTheEnd(bridge, token);
      assertThat(bridge.post("/list_parameters", null, "{\"simulationId\":\"sim\"}", Map.of()).statusCode())
          .isEqualTo(401);

      HttpResponse<String> anonymous = bridge.get("/metrics", null, Map.of());
      HttpResponse<String> wrong = bridge.get("/metrics", "not-the-token-0123456789", Map.of());
      HttpResponse<String> scrape = bridge.get("/metrics", METRICS_TOKEN, Map.of());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("bridge_jobs");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      String text = scrape.body();
      assertThat(text).contains(
          "bridge_jobs_submitted_total 1.0",
          "bridge_jobs_started_total 1.0",
          "bridge_jobs_finished_total{reason=\"none\",state=\"succeeded\"} 1.0",
          "bridge_job_queue_wait_seconds_count 1",
          "bridge_job_run_duration_seconds_count{state=\"succeeded\"} 1",
          "bridge_engine_runs_total 1.0",
          "bridge_audit_healthy 1.0",
          "bridge_jobs_active{state=\"queued\"} 0.0",
          "bridge_jobs_active{state=\"running\"} 0.0",
          "bridge_tool_call_duration_seconds_count{channel=\"rest\",error=\"none\",outcome=\"ok\",tool=\"run_simulation\"} 1",
          "bridge_http_server_requests_seconds_count{method=\"POST\",route=\"/run_simulation\",status=\"202\"} 1",
          "bridge_auth_refusals_total{reason=\"missing_token\"} 1.0",
          "jvm_memory_used_bytes");
      assertThat(counter(text, "bridge_engine_steps_total")).isPositive();
      assertThat(counter(text, "bridge_engine_rhs_evaluations_total")).isPositive();
      // system.start, two tool calls, the job's three transitions, the status polls: all stored.
      assertThat(counter(text, "bridge_audit_appends_total")).isGreaterThanOrEqualTo(6);
      assertThat(text).doesNotContainPattern(UNBOUNDED_LABEL);
      assertThat(promtoolCheckMetrics(text)).isEmpty();
    }
  }

  @Test
  void onItsOwnPortTheScrapeLeavesTheApiPort() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    int metricsPort = RunningBridge.freePort();
    env.put("METRICS_PORT", Integer.toString(metricsPort));
    try (RunningBridge bridge = RunningBridge.start(work.resolve("server"), env)) {
      assertThat(bridge.get("/metrics", null, Map.of()).statusCode()).isEqualTo(404);
      HttpResponse<String> own = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(own.body()).contains("bridge_audit_healthy 1.0", "bridge_audit_backlog 0.0", "bridge_http_server_requests_seconds_count{method=\"GET\","
          + "route=\"/health\",status=\"200\"}");
    }
  }

  @Test
  void disabledMeansNoRoute() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("METRICS_ENABLED", "false");
    try (RunningBridge bridge = RunningBridge.start(work.resolve("server"), env)) {
      assertThat(bridge.get("/metrics", null, Map.of()).statusCode()).isEqualTo(404);
    }
  }

  static void runOneJobToTheEnd(RunningBridge bridge, String token) throws Exception {
    HttpResponse<String> loaded = bridge.post("/load_simulation", token,
        "{\"filePath\":\"one_compartment_iv_bolus.pkml\",\"simulationId\":\"sim\"}", CONFIRM);
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
    HttpResponse<String> run = bridge.post("/run_simulation", token, "{\"simulationId\":\"sim\"}", CONFIRM);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    String jobId = RunningBridge.json(run).get("jobId").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String status = RunningBridge.json(bridge.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}",
          Map.of())).get("status").asText();
      if (status.equals("succeeded")) {
        return;
      }
      assertThat(status).isIn("queued", "running");
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not finish in 60 s");
  }

  static double counter(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertThat(m.find()).as(series + " in the scrape").isTrue();
    return Double.parseDouble(m.group(1));
  }

  static String promtoolCheckMetrics(String text) throws Exception {
    Path file = Files.createTempFile("scrape", ".txt");
    try {
      Files.writeString(file, text);
      Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return out + (p.exitValue() == 0 ? "" : "exit " + p.exitValue());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
