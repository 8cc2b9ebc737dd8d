package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.testkit.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distributed deployment as processes, on each broker (the local Redis and the local RabbitMQ,
 * under a prefix of the test's own, deleted afterwards): {@code bridge serve} with
 * {@code JOB_BACKEND=queue} and two {@code bridge worker}s. One worker is killed with
 * {@code kill -9} while it runs a job; every job still ends succeeded with exactly one result and
 * one terminal audit record, and the audit trail verifies. And a broker outage, with API and worker
 * reaching the broker through a fault proxy: submits answer 503 with {@code Retry-After},
 * {@code /health} shows the broker unreachable, and once the broker is back — emptied meanwhile —
 * accepted jobs complete and new submits succeed without restarting anything.
 */
class QueueDeploymentIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = 30;

  @TempDir Path work;
  private final String prefix = "bridge-it-" + UUID.randomUUID();
  private final List<Process> workers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private String broker = "redis";

  @AfterEach
  void stopWorkersAndDeleteKeys() throws Exception {
    for (Process p : workers) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    TestBrokers.deleteAll(broker, prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "rabbit"})
  void givenTwoWorkers_oneKilledMidJob_everyJobSucceedsOnceAndTheAuditTrailVerifies(String broker) throws Exception {
    this.broker = broker;
    Path models = work.resolve("models");
    ModelFixtures.longRunning(models, "long.pkml", 1.6e7); // a few seconds of solving
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("MCP_MODEL_SEARCH_PATHS", models + ":" + referenceModels());
    env.put("JOB_BACKEND", "queue");
    env.put("JOB_BROKER_URL", TestBrokers.url(broker, TestBrokers.port(broker)));
    env.put("JOB_QUEUE_PREFIX", prefix);
    env.put("JOB_LEASE_SECONDS", "2");
    env.put("JOB_WORKER_THREADS", "1");
    Map<Integer, Process> byHealthPort = new HashMap<>();
    String longJob;
    List<String> runs = new ArrayList<>();
    try (RunningBridge api = RunningBridge.start(work, env)) {
      byHealthPort.putAll(startWorkers(env, 2));
      String token = api.mintToken("alice", "operator");
      load(api, token, "long.pkml", "long");
      load(api, token, "pksim_simple_simulation.pkml", "pksim");

      longJob = run(api, token, "long");
      int busy = awaitWorkerRunning(byHealthPort.keySet(), api, token, longJob);
      for (int i = 0; i < RUNS; i++) {
        runs.add(run(api, token, "pksim"));
      }
      Process victim = byHealthPort.get(busy);
      Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(victim.pid())}).waitFor();
      assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

      List<String> all = new ArrayList<>(runs);
      all.add(longJob);
      for (String id : all) {
        JsonNode status = awaitTerminal(api, token, id, Duration.ofMinutes(4));
        assertThat(status.get("status").asText()).as("job " + id + ": " + status).isEqualTo("succeeded");
        assertThat(status.path("resultHandle").path("resultsId").asText()).isNotEmpty();
      }
      SseReader.Transcript stream = SseReader.read(api.port, "/jobs/" + longJob + "/events", token, Map.of(),
          Duration.ofSeconds(30));
      List<String> states = stream.events().stream().filter(e -> e.name().equals("state"))
          .map(e -> parse(e.data()).get("status").asText()).toList();
      assertThat(states).containsExactly("queued", "running", "succeeded");
      assertThat(stream.events().stream().filter(e -> e.name().equals("progress"))).isNotEmpty();
    }
    String trail = auditText(work.resolve("var/audit"));
    for (String id : runs) {
      assertThat(count(trail, "\"job.succeeded\"", id)).as("terminal audit records of " + id).isEqualTo(1);
    }
    assertThat(count(trail, "\"job.succeeded\"", longJob)).isEqualTo(1);
    BridgeProcess.Outcome verify = BridgeProcess.run(work, Map.of(), "audit", "verify", work.resolve("var/audit").toString());
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "rabbit"})
  void givenABrokerOutage_submitsAnswer503WithRetryAfter_healthShowsIt_andEverythingCompletesOnceItIsBack(String broker)
      throws Exception {
    this.broker = broker;
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("MCP_MODEL_SEARCH_PATHS", referenceModels().toString());
    env.put("JOB_BACKEND", "queue");
    env.put("JOB_QUEUE_PREFIX", prefix);
    env.put("JOB_LEASE_SECONDS", "2");
    env.put("JOB_WORKER_THREADS", "1");
    try (FaultProxy proxy = FaultProxy.start("127.0.0.1", TestBrokers.port(broker))) {
      env.put("JOB_BROKER_URL", TestBrokers.url(broker, proxy.port()));
      try (RunningBridge api = RunningBridge.start(work, env)) {
        startWorkers(env, 1);
        String token = api.mintToken("alice", "operator");
        load(api, token, "pksim_simple_simulation.pkml", "pksim");
        String before = run(api, token, "pksim");
        assertThat(awaitTerminal(api, token, before, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("succeeded");

        proxy.cut();
        TestBrokers.deleteAll(broker, prefix); // the broker comes back without its data
        long start = System.nanoTime();
        HttpResponse<String> refused = api.post("/run_simulation", token, "{\"simulationId\":\"pksim\"}", CONFIRM);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        JsonNode health = RunningBridge.json(api.get("/health", null, Map.of()));
        assertThat(health.path("components").path("jobBroker").asText()).isEqualTo("unreachable");
        assertThat(health.path("status").asText()).isEqualTo("degraded");

        proxy.restore();
        List<String> accepted = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (accepted.size() < 3 && System.nanoTime() < deadline) {
          HttpResponse<String> r = api.post("/run_simulation", token, "{\"simulationId\":\"pksim\"}", CONFIRM);
          if (r.statusCode() == 202) {
            accepted.add(RunningBridge.json(r).get("jobId").asText());
          } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            Thread.sleep(500);
          }
        }
        assertThat(accepted).hasSize(3);
        for (String id : accepted) {
          assertThat(awaitTerminal(api, token, id, Duration.ofMinutes(2)).get("status").asText()).as(id).isEqualTo("succeeded");
        }
        long healthy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!RunningBridge.json(api.get("/health", null, Map.of())).path("status").asText().equals("ok")
            && System.nanoTime() < healthy) {
          Thread.sleep(200);
        }
        assertThat(RunningBridge.json(api.get("/health", null, Map.of())).path("components").path("jobBroker").asText())
            .isEqualTo("ok");
      }
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
      workers.add(p);
      started.put(port, p);
    }
    for (int port : started.keySet()) {
      // Generous: JVM start-up of three processes on a shared 2-core machine.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (health(port).map(h -> h.path("status").asText()).filter("ok"::equals).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("worker on port " + port + " not healthy within 180 s; its health: "
              + health(port).map(JsonNode::toString).orElse("no answer") + "; logs: " + workerLogs());
        }
        Thread.sleep(100);
      }
    }
    return started;
  }

  private String workerLogs() throws IOException {
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.list(work)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("worker-")).toList()) {
        String text = Files.readString(f);
        logs.append(f.getFileName()).append(": ").append(text, Math.max(0, text.length() - 2000), text.length()).append('\n');
      }
    }
    return logs.toString();
  }

  /** Waits until the job reports progress and returns the health port of the worker running it. */
  private int awaitWorkerRunning(Iterable<Integer> ports, RunningBridge api, String token, String jobId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode s = RunningBridge.json(api.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", Map.of()));
      if (s.get("status").asText().equals("running") && s.hasNonNull("progress")) {
        for (int port : ports) {
          if (health(port).map(h -> h.path("running").asInt()).orElse(0) == 1) {
            return port;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("job " + jobId + " never ran with progress");
  }

  private java.util.Optional<JsonNode> health(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return java.util.Optional.of(JSON.readTree(r.body()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
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

  private static String run(RunningBridge api, String token, String simulationId) throws Exception {
    HttpResponse<String> r = api.post("/run_simulation", token, "{\"simulationId\":\"" + simulationId + "\"}", CONFIRM);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return RunningBridge.json(r).get("jobId").asText();
  }

  private static Path referenceModels() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/reference/pkml/models/extra_no_reference_numbers");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("reference models not found above " + Path.of("").toAbsolutePath());
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

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
