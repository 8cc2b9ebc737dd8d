package io.mcpbridge.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of job execution.
 *
 * @param backend thread or queue
 * @param workerThreads concurrent simulations per process
 * @param timeout default job time limit
 * @param maxRetries retries after retryable failures
 * @param retention how long finished jobs are kept
 * @param brokerUrl broker of the queue backend
 * @param resultBackend result channel of the queue backend
 * @param brokerTlsCaFile CA bundle for a TLS broker
 * @param eager run queue jobs inline (tests only)
 * @param queue settings of the queue backend and its workers
 */
public record JobSettings(
    Backend backend,
    int workerThreads,
    Duration timeout,
    int maxRetries,
    Duration retention,
    Optional<Secret> brokerUrl,
    Optional<Secret> resultBackend,
    Optional<Path> brokerTlsCaFile,
    boolean eager,
    Queue queue) {

  /**
   * Settings of the queue backend and its workers.
   *
   * @param prefix prefix of every broker key of this deployment
   * @param lease how long a worker holds a job without a heartbeat
   * @param maxDeliveries unfinished deliveries of one message before it is dead-lettered
   * @param workerHealthPort port of a worker's own /health (0 = any free port)
   */
  public record Queue(String prefix, Duration lease, int maxDeliveries, int workerHealthPort) {}

  /** Job backends. */
  public enum Backend {
    THREAD,
    QUEUE
  }
}
