package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package, {@code scripts/prometheus.sh}) on a free loopback port scrapes
 * a running {@code bridge serve} with the product's alert rules loaded; after real jobs, its HTTP API
 * holds the series the alerts read, with the values the jobs produced, and no alert fires on a
 * healthy server.
 */
class PrometheusScrapeIT {
  private static final String METRICS_TOKEN = "prometheus-scrape-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void prometheusScrapesTheServerAndHoldsTheSeriesTheAlertsRead() throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    try (RunningBridge bridge = RunningBridge.start(work.resolve("server"), env)) {
      int promPort = RunningBridge.freePort();
      Process prometheus = startPrometheus(bridge.port, promPort);
      try {
        String token = bridge.mintToken("alice", "operator");
        MetricsIT.runOneJobToTheEnd(bridge, token);
        String second = runJob(bridge, token);
        awaitSucceeded(bridge, token, second);

        assertThat(awaitValue(promPort, "bridge_jobs_finished_total{job=\"bridge\",state=\"succeeded\"}", 2)).isEqualTo(2);
        assertThat(awaitValue(promPort, "up{job=\"bridge\"}", 1)).isEqualTo(1);
        assertThat(awaitValue(promPort, "sum(bridge_jobs_submitted_total)", 2)).isEqualTo(2);
        assertThat(awaitValue(promPort, "min(bridge_audit_healthy)", 1)).isEqualTo(1);
        assertThat(awaitValue(promPort, "sum(bridge_jobs_active{state=\"queued\"})", 0)).isZero();
        assertThat(awaitValue(promPort, "sum(bridge_job_queue_wait_seconds_count)", 2)).isEqualTo(2);
        assertThat(awaitValue(promPort,
            "sum(bridge_tool_call_duration_seconds_count{tool=\"run_simulation\",outcome=\"ok\"})", 2)).isEqualTo(2);
        assertThat(query(promPort, "sum(bridge_engine_steps_total)")).isPositive();

        JsonNode groups = api(promPort, "/api/v1/rules").path("data").path("groups");
        List<String> rules = new ArrayList<>();
        for (JsonNode group : groups) {
          for (JsonNode rule : group.path("rules")) {
            assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError"))
                .isIn("ok", "unknown");
            rules.add(rule.path("name").asText());
          }
        }
        assertThat(rules).hasSize(13).contains("BridgeAuditUnhealthy", "BridgeJobFailureRatioHigh");
        // Rules have been evaluated against the real series by now: a healthy server raises nothing.
        assertThat(api(promPort, "/api/v1/alerts").path("data").path("alerts")).isEmpty();
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly();
        }
      }
    }
  }

  private Process startPrometheus(int bridgePort, int promPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve("prometheus"));
    Path rules = repositoryRoot().resolve("deploy/prometheus/alerts.yml");
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, METRICS_TOKEN);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        "  - " + rules,
        "scrape_configs:",
        "  - job_name: bridge",
        "    metrics_path: /metrics",
        "    authorization:",
        "      type: Bearer",
        "      credentials_file: " + tokenFile,
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + bridgePort + "']",
        ""));
    Process p = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + "/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return p;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("prometheus not ready in 30 s");
  }

  /** Polls an instant query until it returns {@code expected} (scrapes are 1 s apart) or 30 s pass. */
  private double awaitValue(int promPort, String promql, double expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double last = Double.NaN;
    while (System.nanoTime() < deadline) {
      last = query(promPort, promql);
      if (last == expected) {
        return last;
      }
      Thread.sleep(500);
    }
    return last;
  }

  private double query(int promPort, String promql) throws Exception {
    JsonNode result = api(promPort, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .path("data").path("result");
    if (result.isEmpty()) {
      return Double.NaN;
    }
    assertThat(result).as(promql + " is one series").hasSize(1);
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private JsonNode api(int promPort, String pathAndQuery) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String runJob(RunningBridge bridge, String token) throws Exception {
    HttpResponse<String> run = bridge.post("/run_simulation", token, "{\"simulationId\":\"sim\"}", MetricsIT.CONFIRM);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    return RunningBridge.json(run).get("jobId").asText();
  }

  private static void awaitSucceeded(RunningBridge bridge, String token, String jobId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String status = RunningBridge.json(bridge.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}",
          Map.of())).get("status").asText();
      if (status.equals("succeeded")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not succeed in 60 s");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy").resolve("prometheus"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no deploy/prometheus above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
