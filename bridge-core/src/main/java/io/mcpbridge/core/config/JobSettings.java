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
    boolean eager) {

  /** Job backends. */
  public enum Backend {
    THREAD,
    QUEUE
  }
}
