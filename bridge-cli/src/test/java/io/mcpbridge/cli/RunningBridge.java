package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code bridge serve} process on a free loopback port, with an HTTP client for it. */
final class RunningBridge implements AutoCloseable {
  static final String DEV_SECRET = "test-secret-for-integration-tests-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Writes request bodies (escapes control characters such as NUL). */
  static final ObjectMapper JSON_WRITER = JSON;

  final Path work;
  final int port;
  final Process process;
  final Map<String, String> env;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RunningBridge(Path work, int port, Process process, Map<String, String> env) {
    this.work = work;
    this.port = port;
    this.process = process;
    this.env = env;
  }

  /** The environment of a development server whose state lives under {@code work}. */
  static Map<String, String> developmentEnv(Path work, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("ENVIRONMENT", "test");
    env.put("PORT", Integer.toString(port));
    env.put("AUTH_DEV_SECRET", DEV_SECRET);
    env.put("MCP_MODEL_SEARCH_PATHS", Path.of("..", "models").toAbsolutePath().normalize().toString());
    env.put("JOB_REGISTRY_PATH", work.resolve("var/jobs/registry.db").toString());
    env.put("AUDIT_STORAGE_PATH", work.resolve("var/audit").toString());
    env.put("POPULATION_STORAGE_PATH", work.resolve("var/population").toString());
    env.put("LOG_FORMAT", "json");
    env.put("AUTH_RATE_LIMIT_PER_MINUTE", "0");
    return env;
  }

  /**
   * The environment of a production server that trusts only tokens of {@code issuer} for
   * {@code audience}: no development secret, no anonymous access, audit checkpoints signed with a
   * fresh Ed25519 key.
   */
  static Map<String, String> productionEnv(Path work, int port, String issuer, String audience) throws Exception {
    Map<String, String> env = developmentEnv(work, port);
    env.remove("AUTH_DEV_SECRET");
    env.put("ENVIRONMENT", "production");
    env.put("AUTH_ISSUER_URL", issuer);
    env.put("AUTH_AUDIENCE", audience);
    env.put("AUTH_ALLOW_ANONYMOUS", "false");
    KeyPair auditKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    env.put("AUDIT_SIGNING_KEY", Base64.getEncoder().encodeToString(auditKey.getPrivate().getEncoded()));
    return env;
  }

  static RunningBridge start(Path work, Map<String, String> env) throws Exception {
    Files.createDirectories(work);
    int port = Integer.parseInt(env.get("PORT"));
    Process p = BridgeProcess.builder(work, env, "serve").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("serve.log").toFile())).start();
    RunningBridge bridge = new RunningBridge(work, port, p, env);
    bridge.awaitHealthy();
    return bridge;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String mintToken(String subject, String roles) throws Exception {
    BridgeProcess.Outcome minted = BridgeProcess.run(work, env, "token", "mint", "--sub", subject, "--roles", roles);
    if (minted.exitCode() != 0) {
      throw new IllegalStateException("token mint failed: " + minted.stderr());
    }
    return minted.stdout().strip();
  }

  HttpResponse<String> post(String path, String token, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private void awaitHealthy() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ": "
            + Files.readString(work.resolve("serve.log")));
      }
      try {
        if (get("/health", null, Map.of()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("server did not become healthy in 40 s");
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
