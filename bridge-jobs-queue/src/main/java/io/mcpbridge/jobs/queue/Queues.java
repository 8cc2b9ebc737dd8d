package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.port.JobMessageSource;
import io.mcpbridge.core.port.RemoteJobHandler;
import java.time.Clock;

/** Picks the broker by the URL's scheme: Redis Streams for {@code redis(s)://}, RabbitMQ for {@code amqp(s)://}. */
public final class Queues {
  private Queues() {}

  /**
   * Connects the API side.
   *
   * @param consumerName this API process's name among the report readers
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the broker cannot be reached
   */
  public static QueueJobBackend connectBackend(QueueSettings settings, JobMessageSource messages, Clock clock,
      String consumerName) {
    return settings.rabbit()
        ? RabbitJobBackend.connect(settings, messages, clock)
        : RedisJobBackend.connect(settings, messages, clock, consumerName);
  }

  /**
   * Connects a worker and starts taking work.
   *
   * @param workerId unique id of this worker (host and process)
   * @param concurrency attempts run at once (RabbitMQ: the consumer's prefetch)
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the broker cannot be reached
   */
  public static QueueWorker startWorker(QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency) {
    return settings.rabbit()
        ? RabbitWorker.start(settings, handler, clock, workerId, concurrency)
        : RedisWorker.start(settings, handler, clock, workerId, concurrency);
  }

  /**
   * Connects a worker that reports its measurements; RabbitMQ workers do not emit the queue and
   * worker instruments yet (their liveness is on /health).
   */
  public static QueueWorker startWorker(QueueSettings settings, RemoteJobHandler handler, Clock clock, String workerId,
      int concurrency, QueueInstruments instruments) {
    return settings.rabbit()
        ? RabbitWorker.start(settings, handler, clock, workerId, concurrency)
        : RedisWorker.start(settings, handler, clock, workerId, concurrency, instruments);
  }

  /**
   * Connects {@code bridge queue}.
   *
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the broker cannot be reached
   */
  public static QueueAdmin connectAdmin(QueueSettings settings, Clock clock) {
    return settings.rabbit() ? RabbitQueueAdmin.connect(settings, clock) : RedisQueueAdmin.connect(settings, clock);
  }
}
