package io.mcpbridge.jobs.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue backend and its workers talk to the broker. The URL's scheme picks the broker:
 * {@code redis://}/{@code rediss://} for Redis Streams, {@code amqp://}/{@code amqps://} for RabbitMQ.
 *
 * @param brokerUrl broker URL (may carry credentials; never logged)
 * @param tlsCaFile CA bundle that verifies a {@code rediss://} or {@code amqps://} broker; empty uses the
 *     JDK's trust store
 * @param prefix prefix of every key, queue and exchange this deployment uses, so several deployments
 *     share one broker
 * @param lease how long a worker holds a job without a heartbeat before another may take it over
 * @param pollInterval how often the API moves due retries and reconciles, and workers check for
 *     cancellation (cancellation reaches a running job within this interval plus one engine step)
 * @param maxDeliveries deliveries of one message (crashes of the workers running it) before it is
 *     dead-lettered and its job failed
 * @param shutdownGrace how long a closing worker lets running attempts finish before handing them back
 * @param commandTimeout time limit of one broker command; a broker that does not answer in time is down
 */
public record QueueSettings(
    String brokerUrl,
    Optional<Path> tlsCaFile,
    String prefix,
    Duration lease,
    Duration pollInterval,
    int maxDeliveries,
    Duration shutdownGrace,
    Duration commandTimeout) {
  public QueueSettings {
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(tlsCaFile, "tlsCaFile");
    Objects.requireNonNull(prefix, "prefix");
    if (!isRedis(brokerUrl) && !isRabbit(brokerUrl)) {
      throw new IllegalArgumentException("the broker URL must start with redis://, rediss://, amqp:// or amqps://");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.isNegative() || pollInterval.isZero()
        || maxDeliveries < 1 || shutdownGrace.isNegative() || commandTimeout.isZero() || commandTimeout.isNegative()) {
      throw new IllegalArgumentException("lease >= 1 s, positive poll interval and command timeout, maxDeliveries >= 1");
    }
  }

  /** True if the broker is RabbitMQ ({@code amqp://} or {@code amqps://}). */
  public boolean rabbit() {
    return isRabbit(brokerUrl);
  }

  private static boolean isRedis(String url) {
    return url.startsWith("redis://") || url.startsWith("rediss://");
  }

  private static boolean isRabbit(String url) {
    return url.startsWith("amqp://") || url.startsWith("amqps://");
  }
}
