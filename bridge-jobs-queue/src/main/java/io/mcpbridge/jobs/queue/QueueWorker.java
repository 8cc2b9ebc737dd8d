package io.mcpbridge.jobs.queue;

/**
 * The transport loop of {@code bridge worker}, whatever the broker: takes job messages, hands each
 * to the core's {@link io.mcpbridge.core.port.RemoteJobHandler} and sends its reports back. A
 * message is acknowledged only after its final report reached the broker, so a worker that dies
 * at any point leaves the message to another worker. Thread-safe.
 */
public interface QueueWorker extends AutoCloseable {

  /** This worker's id. */
  String id();

  /** Attempts running now. */
  int runningAttempts();

  /** True if the broker answered within the last lease. */
  boolean brokerReachable();

  /** True once {@link #close} began. */
  boolean stopping();

  /**
   * Stops taking work; running attempts may finish within the grace period, then are stopped and
   * handed back to the queue. Returns when every thread ended.
   */
  @Override
  void close();
}
