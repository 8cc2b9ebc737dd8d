package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue deployment as an operator runs it, as processes on the local Redis (own key prefix,
 * deleted afterwards):
 * <ul>
 *   <li>the API killed with {@code kill -9} while workers run its jobs: workers finish them, the
 *       restarted API records every result produced meanwhile exactly once, the audit trail verifies;
 *   <li>a real Prometheus scrapes {@code bridge serve} and a {@code bridge worker} (both pass
 *       {@code promtool check metrics}); the worker stops, jobs pile up, and the Prometheus API shows
 *       the depth rising, the oldest-age series crossing a test-sized threshold and the no-live-worker
 *       alert pending; every worker and API log line about a job carries its job id and the
 *       submitting request's correlation id.
 * </ul>
 */
class QueueOperationsIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final String METRICS_TOKEN = "queue-scrape-token-0123456789";

  @TempDir Path work;
  private final String prefix = "bridge-it-ops-" + UUID.randomUUID();
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stopProcessesAndDeleteKeys() throws Exception {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    withRedis(c -> {
      List<String> keys = c.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
      return null;
    });
  }

  @Test
  void givenTheApiKilledWhileWorkersRunItsJobs_aRestartRecordsEveryResultOnce() throws Exception {
    Path models = work.resolve("models");
    ModelFixtures.longRunning(models, "long.pkml", 4e6); // about a second of solving
    Map<String, String> env = queueEnv(models);
    List<String> jobs = new ArrayList<>();
    startWorkers(env, 2);
    RunningBridge api = RunningBridge.start(work, env);
    try {
      String token = api.mintToken("alice", "operator");
      load(api, token, "long.pkml", "long");
      for (int i = 0; i < 8; i++) {
        jobs.add(run(api, token, "long", Map.of()));
      }
      awaitStatus(api, token, jobs.get(0), "running", Duration.ofSeconds(120));
      api.kill(); // SIGKILL: no shutdown hook, nothing flushed
    } catch (RuntimeException | Error e) {
      api.kill();
      throw e;
    }

    // The workers carry on: every message is taken and acknowledged, results wait on the reports stream.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    long waiting = -1;
    while (System.nanoTime() < deadline) {
      waiting = withRedis(c -> c.sync().xlen(prefix + ":jobs") + c.sync().zcard(prefix + ":delayed"));
      if (waiting == 0) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(waiting).as("messages still waiting or running with the API down").isZero();
    long unrecorded = withRedis(c -> c.sync().xlen(prefix + ":reports"));
    assertThat(unrecorded).as("reports the workers sent while the API was down").isPositive();

    try (RunningBridge restarted = RunningBridge.start(work, env)) {
      String token = restarted.mintToken("alice", "operator");
      for (String id : jobs) {
        JsonNode status = awaitTerminal(restarted, token, id, Duration.ofMinutes(2));
        assertThat(status.get("status").asText()).as("job " + id + ": " + status).isEqualTo("succeeded");
      }
    }
    String trail = auditText(work.resolve("var/audit"));
    for (String id : jobs) {
      assertThat(count(trail, "\"job.succeeded\"", id)).as("terminal audit records of " + id).isEqualTo(1);
    }
    BridgeProcess.Outcome verify = BridgeProcess.run(work, Map.of(), "audit", "verify", work.resolve("var/audit").toString());
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
  }

  @Test
  void prometheusSeesTheWorkerThenTheQueueGrowingWhenItStops_andLogLinesCarryJobAndCorrelationIds() throws Exception {
    Map<String, String> env = queueEnv(ModelFixtures.BUNDLED);
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    Map<Integer, Process> worker = startWorkers(env, 1);
    int workerPort = worker.keySet().iterator().next();
    String correlation = "ops-" + UUID.randomUUID();
    String first;
    try (RunningBridge api = RunningBridge.start(work, env)) {
      int promPort = RunningBridge.freePort();
      Process prometheus = startPrometheus(api.port, workerPort, promPort);
      processes.add(prometheus);
      String token = api.mintToken("alice", "operator");
      load(api, token, "one_compartment_iv_bolus.pkml", "sim");
      first = run(api, token, "sim", Map.of("X-Correlation-Id", correlation));
      String second = run(api, token, "sim", Map.of());
      assertThat(awaitTerminal(api, token, first, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("succeeded");
      assertThat(awaitTerminal(api, token, second, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("succeeded");

      // Both processes expose clean metrics (promtool) and Prometheus scrapes both.
      assertThat(promtoolCheck(scrape(api.port))).isEmpty();
      String workerScrape = scrape(workerPort);
      assertThat(promtoolCheck(workerScrape)).isEmpty();
      assertThat(workerScrape).contains("bridge_worker_slots 1.0", "bridge_queue_broker_up 1.0")
          .doesNotContain("bridge_queue_depth");
      assertThat(awaitValue(promPort, "up{job=\"bridge-worker\"}", 1)).isEqualTo(1);
      assertThat(awaitValue(promPort, "sum(bridge_worker_jobs_processed_total{outcome=\"succeeded\"})", 2)).isEqualTo(2);
      assertThat(awaitValue(promPort, "max(bridge_workers_live{job=\"bridge\"})", 1)).isEqualTo(1);
      assertThat(awaitValue(promPort, "min(bridge_queue_broker_up)", 1)).isEqualTo(1);

      // The worker stops (SIGTERM): submitted jobs wait, the queue's depth and age rise.
      Process stopped = worker.get(workerPort);
      stopped.destroy();
      assertThat(stopped.waitFor(60, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 3; i++) {
        run(api, token, "sim", Map.of());
      }
      assertThat(awaitValue(promPort, "sum(bridge_queue_depth)", 3)).isEqualTo(3);
      assertThat(awaitValue(promPort, "max(bridge_workers_live)", 0)).isZero();
      // The oldest-age alert's expression with a test-sized threshold (5 s instead of 600 s).
      assertThat(awaitValue(promPort, "max(bridge_queue_oldest_message_age_seconds) > bool 5", 1)).isEqualTo(1);
      assertThat(awaitAlert(promPort, "BridgeNoLiveWorker")).isIn("pending", "firing");
    }

    List<JsonNode> workerLines = jsonLines(work.resolve("worker-1.log"));
    List<JsonNode> apiLines = jsonLines(work.resolve("serve.log"));
    String firstJob = first;
    // Every worker line about an attempt names its job and a correlation id; the first job's lines
    // carry the correlation id of the request that submitted it.
    List<JsonNode> attempts = workerLines.stream().filter(l -> l.path("message").asText().contains("attempt")).toList();
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(4).allSatisfy(l -> {
      assertThat(l.path("jobId").asText()).as(l.toString()).isNotEmpty();
      assertThat(l.path("correlationId").asText()).as(l.toString()).isNotEmpty();
    });
    assertThat(attempts.stream().filter(l -> l.path("jobId").asText().equals(firstJob)))
        .hasSize(2).allSatisfy(l -> assertThat(l.path("correlationId").asText()).isEqualTo(correlation));
    assertThat(apiLines.stream().filter(l -> l.path("message").asText().contains("recorded the end of attempt")))
        .hasSizeGreaterThanOrEqualTo(2).allSatisfy(l -> assertThat(l.path("jobId").asText()).as(l.toString()).isNotEmpty());
    assertThat(apiLines.stream().filter(l -> l.path("message").asText().contains("recorded the end of attempt")
        && l.path("jobId").asText().equals(firstJob))).hasSize(1);
  }

  private Map<String, String> queueEnv(Path models) {
    Map<String, String> env = RunningBridge.developmentEnv(work, 0);
    env.put("PORT", Integer.toString(freePort()));
    env.put("MCP_MODEL_SEARCH_PATHS", models.toString());
    env.put("JOB_BACKEND", "queue");
    env.put("JOB_BROKER_URL", REDIS);
    env.put("JOB_QUEUE_PREFIX", prefix);
    env.put("JOB_LEASE_SECONDS", "2");
    env.put("JOB_WORKER_THREADS", "1");
    return env;
  }

  private static int freePort() {
    try {
      return RunningBridge.freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<Integer, Process> startWorkers(Map<String, String> env, int count) throws Exception {
    Map<Integer, Process> started = new HashMap<>();
    for (int i = 1; i <= count; i++) {
      int port = RunningBridge.freePort();
      Map<String, String> workerEnv = new HashMap<>(env);
      workerEnv.put("JOB_WORKER_HEALTH_PORT", Integer.toString(port));
      Process p = BridgeProcess.builder(work, workerEnv, "worker").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("worker-" + i + ".log").toFile())).start();
      processes.add(p);
      started.put(port, p);
    }
    for (int port : started.keySet()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!healthy(port)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("worker on port " + port + " not healthy within 180 s");
        }
        Thread.sleep(100);
      }
    }
    return started;
  }

  private boolean healthy(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .header("Authorization", "Bearer " + METRICS_TOKEN).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private String promtoolCheck(String exposition) throws Exception {
    Path file = Files.writeString(Files.createTempFile(work, "scrape", ".txt"), exposition);
    Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out.strip();
  }

  private Process startPrometheus(int apiPort, int workerPort, int promPort) throws Exception {
    Path dir = Files.createDirectories(work.resolve("prometheus"));
    Path tokenFile = Files.writeString(dir.resolve("token"), METRICS_TOKEN);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        "  - " + ExportedRules.path(),
        "scrape_configs:",
        "  - job_name: bridge",
        "    authorization: {type: Bearer, credentials_file: " + tokenFile + "}",
        "    static_configs: [{targets: ['127.0.0.1:" + apiPort + "']}]",
        "  - job_name: bridge-worker",
        "    authorization: {type: Bearer, credentials_file: " + tokenFile + "}",
        "    static_configs: [{targets: ['127.0.0.1:" + workerPort + "']}]",
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

  private double awaitValue(int promPort, String promql, double expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
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

  private String awaitAlert(int promPort, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
    while (System.nanoTime() < deadline) {
      for (JsonNode alert : api(promPort, "/api/v1/alerts").path("data").path("alerts")) {
        if (alert.path("labels").path("alertname").asText().equals(name)) {
          return alert.path("state").asText();
        }
      }
      Thread.sleep(500);
    }
    return "inactive";
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

  private static List<JsonNode> jsonLines(Path log) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private interface RedisCall<T> {
    T apply(StatefulRedisConnection<String, String> c);
  }

  private static <T> T withRedis(RedisCall<T> call) {
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return call.apply(c);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  private static void awaitStatus(RunningBridge api, String token, String jobId, String wanted, Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = RunningBridge.json(api.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", Map.of()));
      if (status.get("status").asText().equals(wanted)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("job " + jobId + " never became " + wanted);
  }

  private static JsonNode awaitTerminal(RunningBridge api, String token, String jobId, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = RunningBridge.json(api.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", Map.of()));
      String s = status.get("status").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("job " + jobId + " did not finish in " + patience);
  }

  private static void load(RunningBridge api, String token, String file, String id) throws Exception {
    HttpResponse<String> r = api.post("/load_simulation", token,
        "{\"filePath\":\"" + file + "\",\"simulationId\":\"" + id + "\"}", CONFIRM);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static String run(RunningBridge api, String token, String simulationId, Map<String, String> headers)
      throws Exception {
    Map<String, String> all = new HashMap<>(CONFIRM);
    all.putAll(headers);
    HttpResponse<String> r = api.post("/run_simulation", token, "{\"simulationId\":\"" + simulationId + "\"}", all);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return RunningBridge.json(r).get("jobId").asText();
  }

  private static String auditText(Path root) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl") && !p.toString().endsWith("checkpoints.jsonl")).toList()) {
        all.append(Files.readString(f));
      }
    }
    return all.toString();
  }

  private static long count(String trail, String type, String jobId) {
    return trail.lines().filter(l -> l.contains(type) && l.contains(jobId)).count();
  }

  /** Where the product's alert rules are, found by walking up from the module. */
  private static final class ExportedRules {
    static Path path() {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null && !Files.isDirectory(dir.resolve("deploy").resolve("prometheus"))) {
        dir = dir.getParent();
      }
      if (dir == null) {
        throw new IllegalStateException("no deploy/prometheus above " + Path.of("").toAbsolutePath());
      }
      return dir.resolve("deploy/prometheus/alerts.yml");
    }
  }
}
