package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.config.Secret;
import io.mcpbridge.core.port.MetricsExposition;
import io.mcpbridge.core.service.WorkerJobExecutor;
import io.mcpbridge.jobs.queue.QueueInstruments;
import io.mcpbridge.jobs.queue.QueueWorker;
import io.mcpbridge.jobs.queue.Queues;
import io.mcpbridge.metrics.PrometheusMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Composition root of {@code bridge worker}: the engine, the model allow-list, the broker
 * connection, its metrics (when METRICS_ENABLED) and a health port — no registry, audit trail, token verifier or HTTP API, so a worker
 * starts without JOB_REGISTRY_PATH, audit or auth settings; results and transitions go back to the
 * API process over the broker.
 */
final class WorkerWiring implements AutoCloseable {
  private final QueueWorker worker;
  private final WorkerHealth health;
  private final Optional<PrometheusMetrics> metrics;

  private WorkerWiring(QueueWorker worker, WorkerHealth health, Optional<PrometheusMetrics> metrics) {
    this.worker = worker;
    this.health = health;
    this.metrics = metrics;
  }

  /**
   * Connects to the broker and starts taking jobs.
   *
   * @param id this worker's name in logs, reports and {@code bridge queue}
   * @param threads jobs run at once (1-64)
   */
  static WorkerWiring start(AppConfig config, String id, int threads, Clock clock) {
    if (config.jobs().backend() != JobSettings.Backend.QUEUE || config.jobs().eager()) {
      throw new InvalidInputException("bridge worker needs JOB_BACKEND=queue with JOB_BROKER_URL (and JOB_EAGER=false)");
    }
    if (threads < 1 || threads > 64) {
      throw new InvalidInputException("--concurrency must be 1-64");
    }
    WorkerJobExecutor executor = new WorkerJobExecutor(EngineWiring.models(config), EngineWiring.engine(config), id,
        clock);
    Optional<PrometheusMetrics> metrics = config.metrics().enabled()
        ? Optional.of(PrometheusMetrics.withProcessMetrics()) : Optional.empty();
    QueueInstruments instruments = metrics.map(m -> new QueueInstruments(m.queue(), m.worker(), m.jobs()))
        .orElse(QueueInstruments.NONE);
    QueueWorker worker = Queues.startWorker(QueueWiring.settings(config), executor, clock, id, threads, instruments);
    try {
      // Without TCP_NODELAY the JDK server waits for delayed ACKs (~40 ms per scrape).
      System.setProperty("sun.net.httpserver.nodelay", "true");
      return new WorkerWiring(worker,
          WorkerHealth.start(config.server().host(), config.jobs().queue().workerHealthPort(), worker,
              metrics.map(m -> (MetricsExposition) m), config.metrics().token().map(Secret::reveal)),
          metrics);
    } catch (IOException e) {
      worker.close();
      metrics.ifPresent(PrometheusMetrics::close);
      throw new BackendUnavailableException("cannot open the worker health port "
          + config.jobs().queue().workerHealthPort() + ": " + e.getMessage(), e);
    }
  }

  /** The bound health port (useful when configured as 0). */
  int healthPort() {
    return health.port();
  }

  /** True when the worker serves /metrics next to /health. */
  boolean servesMetrics() {
    return metrics.isPresent();
  }

  /** The running worker (its id, load and broker state). */
  QueueWorker worker() {
    return worker;
  }

  /** Stops taking work; running jobs finish within the grace period or go back to the queue. */
  @Override
  public void close() {
    worker.close();
    health.close();
    metrics.ifPresent(PrometheusMetrics::close);
  }
}
