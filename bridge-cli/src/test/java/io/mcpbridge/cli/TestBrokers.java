package io.mcpbridge.cli;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The brokers this kind of machine runs on loopback, for the distributed-deployment tests: their
 * URLs, and deleting everything a deployment under a prefix left on them (the names follow
 * docs/operations/queue-runbook.md).
 */
final class TestBrokers {
  static final String REDIS = "redis://127.0.0.1:6379";
  static final String RABBIT = "amqp://guest:guest@127.0.0.1:5672";
  private static final long[] DELAY_BUCKETS_MS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000,
      600_000, 1_800_000, 3_600_000};

  private TestBrokers() {}

  /** The URL of {@code broker} ({@code redis} or {@code rabbit}), with {@code port} in place of the standard one. */
  static String url(String broker, int port) {
    return broker.equals("rabbit") ? "amqp://guest:guest@127.0.0.1:" + port : "redis://127.0.0.1:" + port;
  }

  static int port(String broker) {
    return broker.equals("rabbit") ? 5672 : 6379;
  }

  /** Deletes every key, queue and exchange of the deployment under {@code prefix}. */
  static void deleteAll(String broker, String prefix) throws Exception {
    if (broker.equals("rabbit")) {
      List<String> queues = new ArrayList<>(List.of("jobs", "reports", "dead", "control", "paused", "epoch"));
      for (long ms : DELAY_BUCKETS_MS) {
        queues.add("delay." + ms);
      }
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(RABBIT);
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection c = factory.newConnection("bridge-test-cleanup")) {
        for (String q : queues) {
          try (Channel ch = c.createChannel()) {
            ch.queueDelete(prefix + "." + q);
          }
        }
        try (Channel ch = c.createChannel()) {
          ch.exchangeDelete(prefix + ".heartbeats");
          ch.exchangeDelete(prefix + ".dlx");
        }
      }
      return;
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
}
