package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge serve} starts, answers /health, and stops cleanly on SIGTERM. */
class ServeIT {
  @TempDir Path work;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void givenDevelopmentDefaults_serve_answersHealthAndStopsOnTerm() throws Exception {
    Files.createDirectories(work.resolve("models"));
    int port = freePort();
    Path log = work.resolve("serve.log");
    Process server = BridgeProcess.builder(work, Map.of("PORT", Integer.toString(port), "LOG_FORMAT", "json"), "serve")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpResponse<String> health = awaitHealth(port, server);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(health.headers().firstValue("X-Correlation-Id")).isPresent();
      JsonNode body = new ObjectMapper().readTree(health.body());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.get("service").asText()).isEqualTo("mcp-bridge");
      assertThat(body.get("environment").asText()).isEqualTo("development");
      assertThat(body.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(body.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);

      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nope"))
          .header("X-Correlation-Id", "trace-42").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonNode error = new ObjectMapper().readTree(missing.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("NotFound");
      assertThat(error.get("correlationId").asText()).isEqualTo("trace-42");
    } finally {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }
    // Every line is one JSON object; the start-up line says where the server listens.
    java.util.List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).anySatisfy(l -> {
      assertThat(l.get("level").asText()).isEqualTo("INFO");
      assertThat(l.get("message").asText()).contains("serving on http://127.0.0.1:" + port);
    });
  }

  private HttpResponse<String> awaitHealth(int port, Process server) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited with " + server.exitValue());
      }
      try {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("server did not answer /health within 30 s", last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
