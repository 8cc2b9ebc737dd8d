package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sampled population of 1,000 with a fixed seed writes byte-identical result files on one
 * thread, on two threads, and in chunks on two queue workers gathered by the API ({@code bridge
 * serve} with {@code JOB_BACKEND=queue} and two {@code bridge worker} processes on the local Redis,
 * own key prefix, deleted afterwards).
 */
class PopulationQueueDeterminismIT {
  private static final Map<String, String> CONFIRM = Map.of("X-MCP-Confirm", "true");
  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final long SEED = 20261203L;
  private static final List<String> VARY = List.of("Organism|p1=lognormal(2, cv=0.3) µmol",
      "Organism|p3=normal(3, 0.2, min=2.5) 1/s");
  private static final List<String> FILES = List.of("results.csv", "pk.csv", "aggregates.csv", "pk-summary.csv",
      "population.csv", "failures.csv");

  @TempDir Path work;
  private final String prefix = "bridge-it-popq-" + UUID.randomUUID();
  private final List<Process> workers = new ArrayList<>();

  @AfterEach
  void stopWorkersAndDeleteKeys() throws Exception {
    for (Process p : workers) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = c.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @Test
  void aSampledPopulationGivesIdenticalFilesOnOneThreadTwoThreadsAndTwoQueueWorkers() throws Exception {
    Path model = reference("population", "MiniModel2.pkml");
    Path one = cli(model, 1);
    Path two = cli(model, 2);

    Map<String, String> env = RunningBridge.developmentEnv(work, RunningBridge.freePort());
    env.put("MCP_MODEL_SEARCH_PATHS", model.getParent().toString());
    env.put("JOB_BACKEND", "queue");
    env.put("JOB_BROKER_URL", REDIS);
    env.put("JOB_QUEUE_PREFIX", prefix);
    env.put("JOB_WORKER_THREADS", "1");
    env.put("POPULATION_CHUNK_SIZE", "64"); // 16 chunks, the last one smaller
    Path queued;
    try (RunningBridge api = RunningBridge.start(work, env)) {
      startWorkers(env, 2);
      String token = api.mintToken("alice", "operator");
      HttpResponse<String> loaded = api.post("/load_simulation", token,
          "{\"filePath\":\"MiniModel2.pkml\",\"simulationId\":\"mini\"}", CONFIRM);
      assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
      StringBuilder vary = new StringBuilder();
      for (String v : VARY) {
        vary.append(vary.length() == 0 ? "" : ",").append(RunningBridge.JSON_WRITER.writeValueAsString(v));
      }
      HttpResponse<String> submitted = api.post("/run_population_simulation", token, "{\"simulationId\":\"mini\","
          + "\"individuals\":1000,\"seed\":" + SEED + ",\"vary\":[" + vary + "]}", CONFIRM);
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
      String jobId = RunningBridge.json(submitted).get("jobId").asText();
      JsonNode status = awaitTerminal(api, token, jobId, Duration.ofMinutes(5));
      assertThat(status.get("status").asText()).as(status.toString() + "; worker logs: " + workerLogs())
          .isEqualTo("succeeded");
      HttpResponse<String> results = api.post("/get_population_results", token, "{\"jobId\":\"" + jobId
          + "\",\"limit\":1}", Map.of());
      assertThat(results.statusCode()).as(results.body()).isEqualTo(200);
      assertThat(RunningBridge.json(results).get("individuals").asInt()).isEqualTo(1000);
      queued = work.resolve("var/population").resolve(jobId).resolve("results");
      assertThat(work.resolve("var/population").resolve(jobId).resolve("chunks")).as("kept chunks removed").doesNotExist();
    }
    long rows = Files.readAllLines(one.resolve("results.csv")).size() - 1;
    assertThat(rows).as("one row per individual and time point").isPositive().matches(r -> r % 1000 == 0);
    for (String file : FILES) {
      byte[] expected = Files.readAllBytes(one.resolve(file));
      assertThat(Files.readAllBytes(two.resolve(file))).as("two threads: " + file).isEqualTo(expected);
      assertThat(Files.readAllBytes(queued.resolve(file))).as("two queue workers: " + file).isEqualTo(expected);
    }
  }

  /** {@code bridge population run} in this process on {@code threads} threads. */
  private Path cli(Path model, int threads) {
    Path out = work.resolve("cli-" + threads);
    List<String> args = new ArrayList<>(List.of("population", "run", model.toString(), "--individuals", "1000",
        "--seed", Long.toString(SEED)));
    for (String v : VARY) {
      args.add("--vary");
      args.add(v);
    }
    args.addAll(List.of("--threads", Integer.toString(threads), "--out", out.toString()));
    StringWriter err = new StringWriter();
    int code = BridgeMain.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return out;
  }

  private void startWorkers(Map<String, String> env, int count) throws Exception {
    for (int i = 1; i <= count; i++) {
      Map<String, String> workerEnv = new HashMap<>(env);
      workerEnv.put("JOB_WORKER_HEALTH_PORT", Integer.toString(RunningBridge.freePort()));
      Process p = BridgeProcess.builder(work, workerEnv, "worker").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("worker-" + i + ".log").toFile())).start();
      workers.add(p);
    }
  }

  private String workerLogs() throws Exception {
    StringBuilder logs = new StringBuilder();
    for (int i = 1; i <= workers.size(); i++) {
      Path f = work.resolve("worker-" + i + ".log");
      if (Files.exists(f)) {
        String text = Files.readString(f);
        logs.append(f.getFileName()).append(": ").append(text, Math.max(0, text.length() - 2000), text.length());
      }
    }
    return logs.toString();
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

  private static Path reference(String directory, String file) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(Path.of("shared", "reference", directory, file));
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("reference file " + directory + "/" + file + " not found");
  }
}
