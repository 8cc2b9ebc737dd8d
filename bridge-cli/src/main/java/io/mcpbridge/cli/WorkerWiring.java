package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.service.WorkerJobExecutor;
import io.mcpbridge.jobs.queue.RedisWorker;
import java.io.IOException;
import java.time.Clock;

/**
 * Composition root of {@code bridge worker}: the engine, the model allow-list, the broker
 * connection and a health port — no registry, audit trail, token verifier or HTTP API, so a worker
 * starts without JOB_REGISTRY_PATH, audit or auth settings; results and transitions go back to the
 * API process over the broker.
 */
final class WorkerWiring implements AutoCloseable {
  private final RedisWorker worker;
  private final WorkerHealth health;

  private WorkerWiring(RedisWorker worker, WorkerHealth health) {
    this.worker = worker;
    this.health = health;
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
    RedisWorker worker = RedisWorker.start(QueueWiring.settings(config), executor, clock, id, threads);
    try {
      return new WorkerWiring(worker,
          WorkerHealth.start(config.server().host(), config.jobs().queue().workerHealthPort(), worker));
    } catch (IOException e) {
      worker.close();
      throw new BackendUnavailableException("cannot open the worker health port "
          + config.jobs().queue().workerHealthPort() + ": " + e.getMessage(), e);
    }
  }

  /** The bound health port (useful when configured as 0). */
  int healthPort() {
    return health.port();
  }

  /** The running worker (its id, load and broker state). */
  RedisWorker worker() {
    return worker;
  }

  /** Stops taking work; running jobs finish within the grace period or go back to the queue. */
  @Override
  public void close() {
    worker.close();
    health.close();
  }
}
