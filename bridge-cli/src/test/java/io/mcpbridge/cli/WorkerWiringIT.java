package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.error.InvalidInputException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker is built from the engine and the broker only: it starts, reaches the loopback Redis and
 * reports healthy without creating a registry or an audit trail, and without a token source.
 */
class WorkerWiringIT {
  private static final String REDIS = "redis://127.0.0.1:6379";

  @TempDir Path work;
  private final String prefix = "bridge-wiring-it-" + UUID.randomUUID();

  @AfterEach
  void deleteKeys() {
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

  private AppConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "ENVIRONMENT", "test",
        "HOST", "127.0.0.1",
        "JOB_BACKEND", "queue",
        "JOB_BROKER_URL", REDIS,
        "JOB_QUEUE_PREFIX", prefix,
        "JOB_WORKER_HEALTH_PORT", "0",
        "MCP_MODEL_SEARCH_PATHS", work.toString(),
        // Where an API process would keep its state: the worker must not create any of it.
        "JOB_REGISTRY_PATH", work.resolve("registry/registry.db").toString(),
        "AUDIT_STORAGE_PATH", work.resolve("audit").toString()));
    env.putAll(extra);
    return AppConfig.load(key -> Optional.ofNullable(env.get(key))).requireValid();
  }

  @Test
  void aWorkerStartsHealthyWithoutRegistryAuditOrTokenVerifier() throws Exception {
    try (WorkerWiring worker = WorkerWiring.start(config(Map.of()), "worker-wiring-it", 1, Clock.systemUTC())) {
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + worker.healthPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"worker\":\"worker-wiring-it\"").contains("\"broker\":\"up\"");
    }
    assertThat(work.resolve("registry")).doesNotExist();
    assertThat(work.resolve("audit")).doesNotExist();
    try (var files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aWorkerRefusesTheThreadBackend() {
    assertThatThrownBy(() -> WorkerWiring.start(config(Map.of("JOB_BACKEND", "thread")), "w", 1, Clock.systemUTC()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("JOB_BACKEND=queue");
    assertThat(work.resolve("registry")).doesNotExist();
  }
}
