package io.mcpbridge.jobs.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The RabbitMQ this kind of machine runs on loopback (guest/guest), with fresh names per use. */
final class LocalRabbit {
  static final int PORT = 5672;
  static final String URL = "amqp://guest:guest@127.0.0.1:" + PORT;

  private LocalRabbit() {}

  /** Settings under a fresh prefix, with short leases and polls for tests. */
  static QueueSettings settings(String url, String prefix) {
    return new QueueSettings(url, Optional.empty(), prefix, Duration.ofSeconds(2), Duration.ofMillis(50), 3,
        Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  static String freshPrefix() {
    return "bridge-test-" + UUID.randomUUID();
  }

  /** Deletes every queue and exchange a deployment under {@code prefix} can have. */
  static void deleteAll(String prefix) {
    deleteAll(URL, prefix);
  }

  static void deleteAll(String url, String prefix) {
    RabbitTopology topology = new RabbitTopology(prefix);
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(url);
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection c = factory.newConnection("bridge-test-cleanup")) {
        for (String queue : topology.allQueues()) {
          try (Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
          }
        }
        try (Channel ch = c.createChannel()) {
          ch.exchangeDelete(topology.heartbeats());
          ch.exchangeDelete(topology.deadLetterExchange());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not clean up the test's RabbitMQ names under " + prefix, e);
    }
  }

}
