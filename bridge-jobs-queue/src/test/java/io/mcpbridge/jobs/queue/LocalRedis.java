package io.mcpbridge.jobs.queue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Redis this kind of machine runs on loopback, with a fresh key prefix per use. */
final class LocalRedis {
  static final String URL = "redis://127.0.0.1:6379";

  private LocalRedis() {}

  /** Settings under a fresh prefix, with short leases and polls for tests. */
  static QueueSettings settings(String prefix) {
    return new QueueSettings(URL, Optional.empty(), prefix, Duration.ofSeconds(2), Duration.ofMillis(50), 3,
        Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  static String freshPrefix() {
    return "bridge-test-" + UUID.randomUUID();
  }

  /** Deletes every key under a prefix. */
  static void deleteAll(String prefix) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = c.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        c.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
