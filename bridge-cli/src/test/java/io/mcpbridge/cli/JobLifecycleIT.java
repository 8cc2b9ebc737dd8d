package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs over HTTP against the real server: the event stream of a run, its resumption, and a run
 * that survives {@code kill -9} of the server.
 */
class JobLifecycleIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path work;

  @Test
  void givenARunningJob_eventStream_deliversOrderedEventsWithProgressResumesAndCloses() throws Exception {
    Path models = work.resolve("models");
    // About two seconds of solving: several progress events at the 250 ms progress interval.
    ModelFixtures.longRunning(models, "long.pkml", 1.0e7);
    try (RunningBridge bridge = RunningBridge.start(work, env(models))) {
      String token = bridge.mintToken("alice", "operator");
      load(bridge, token, "long.pkml", "long");
      String jobId = run(bridge, token, "long", 0);

      SseReader.Transcript all = SseReader.read(bridge.port, "/jobs/" + jobId + "/events", token, Map.of(),
          Duration.ofSeconds(60));

      assertThat(all.status()).isEqualTo(200);
      List<SseReader.Event> events = all.events();
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).id()).isEqualTo(i + 1L);
        assertThat(JSON.readTree(events.get(i).data()).get("sequence").asLong()).isEqualTo(i + 1L);
      }
      JsonNode last = JSON.readTree(events.get(events.size() - 1).data());
      assertThat(last.get("type").asText()).isEqualTo("state");
      assertThat(last.get("status").asText()).isEqualTo("succeeded");
      List<JsonNode> progress = events.stream().filter(e -> e.name().equals("progress")).map(e -> parse(e.data())).toList();
      assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
      assertThat(progress).allSatisfy(p -> {
        assertThat(p.get("progress").get("endTime").asDouble()).isEqualTo(1.0e7);
        assertThat(p.get("progress").get("simulatedTime").asDouble()).isBetween(0.0, 1.0e7);
      });

      SseReader.Transcript resumed = SseReader.read(bridge.port, "/jobs/" + jobId + "/events", token,
          Map.of("Last-Event-ID", "3"), Duration.ofSeconds(30));

      assertThat(resumed.events()).extracting(SseReader.Event::id)
          .containsExactlyElementsOf(events.subList(3, events.size()).stream().map(SseReader.Event::id).toList());
    }
  }

  @Test
  void givenAServerKilledMidRun_restart_finishesOrFailsEveryJobAndTheAuditTrailVerifies() throws Exception {
    Path models = work.resolve("models");
    // About three to four seconds of solving per attempt.
    ModelFixtures.longRunning(models, "long.pkml", 1.6e7);
    Map<String, String> env = env(models);
    String retried;
    String single;
    try (RunningBridge first = RunningBridge.start(work, env)) {
      String token = first.mintToken("alice", "operator");
      load(first, token, "long.pkml", "long");
      retried = run(first, token, "long", 1);
      single = run(first, token, "long", 0);
      awaitProgress(first, token, retried);
      awaitProgress(first, token, single);

      first.kill();
    }
    try (RunningBridge second = RunningBridge.start(work, env)) {
      String token = second.mintToken("alice", "operator");

      JsonNode again = SmokeWorkflow.awaitTerminal(second, token, retried, java.util.Map.of());
      JsonNode interrupted = status(second, token, single);

      assertThat(again.get("status").asText()).isEqualTo("succeeded");
      assertThat(again.get("job").get("attempts").asInt()).isEqualTo(2);
      assertThat(interrupted.get("status").asText()).isEqualTo("failed");
      assertThat(interrupted.get("job").get("error").get("code").asText()).isEqualTo("interrupted");
      String resultsId = again.get("resultHandle").get("resultsId").asText();
      HttpResponse<String> results = second.post("/get_simulation_results", token, "{\"resultsId\":\"" + resultsId + "\"}", Map.of());
      assertThat(results.statusCode()).isEqualTo(200);
      assertThat(RunningBridge.json(results).get("times").get(RunningBridge.json(results).get("times").size() - 1)
          .asDouble()).isEqualTo(1.6e7);
    }
    BridgeProcess.Outcome verify = BridgeProcess.run(work, Map.of(), "audit", "verify", work.resolve("var/audit").toString());
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
  }

  private Map<String, String> env(Path models) throws Exception {
    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("MCP_MODEL_SEARCH_PATHS", models.toString());
    env.put("JOB_WORKER_THREADS", "2");
    return env;
  }

  private static void load(RunningBridge bridge, String token, String file, String id) throws Exception {
    HttpResponse<String> r = bridge.post("/load_simulation", token,
        "{\"filePath\":\"" + file + "\",\"simulationId\":\"" + id + "\"}", CONFIRM);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static String run(RunningBridge bridge, String token, String simulationId, int retries) throws Exception {
    HttpResponse<String> r = bridge.post("/run_simulation", token,
        "{\"simulationId\":\"" + simulationId + "\",\"maxRetries\":" + retries + "}", CONFIRM);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return RunningBridge.json(r).get("jobId").asText();
  }

  private static JsonNode status(RunningBridge bridge, String token, String jobId) throws Exception {
    return RunningBridge.json(bridge.post("/get_job_status", token, "{\"jobId\":\"" + jobId + "\"}", Map.of()));
  }

  private static void awaitProgress(RunningBridge bridge, String token, String jobId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode s = status(bridge, token, jobId);
      assertThat(s.get("status").asText()).as("still unfinished when the server is killed").isIn("queued", "running");
      if (s.get("status").asText().equals("running") && s.hasNonNull("progress")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("job " + jobId + " never reported progress");
  }

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
