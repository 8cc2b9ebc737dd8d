package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.core.service.WorkerJobExecutor;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.jobs.queue.QueueWorker;
import io.mcpbridge.jobs.queue.Queues;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bridge worker}: takes jobs from the broker and runs them. Builds only the engine, the
 * model allow-list and the broker connection — no registry, audit trail or token verifier: results
 * and transitions go back to the API process over the broker.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run queued jobs from the broker (JOB_BACKEND=queue, JOB_BROKER_URL) with the native engine.",
        "Models are resolved in this worker's MCP_MODEL_SEARCH_PATHS and checked against the job's SHA-256.",
        "GET /health on HOST:JOB_WORKER_HEALTH_PORT. On SIGTERM stops taking work, lets running jobs finish",
        "for 20 s, then hands the rest back to the queue."})
final class WorkerCommand implements Callable<Integer> {
  private static final int CACHED_MODELS = 16;

  @Option(names = "--concurrency", description = "Jobs run at once (default: JOB_WORKER_THREADS).")
  Integer concurrency;

  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    if (config.jobs().backend() != JobSettings.Backend.QUEUE || config.jobs().eager()) {
      throw new InvalidInputException("bridge worker needs JOB_BACKEND=queue with JOB_BROKER_URL (and JOB_EAGER=false)");
    }
    int threads = concurrency == null ? config.jobs().workerThreads() : concurrency;
    if (threads < 1 || threads > 64) {
      throw new InvalidInputException("--concurrency must be 1-64");
    }
    LoggingSetup.configure(config.server().logLevel(), config.server().logFormat(), LoggingSetup.Target.STDOUT);
    Logger log = LoggerFactory.getLogger(WorkerCommand.class);
    Clock clock = Clock.systemUTC();
    String id = "worker-" + QueueWiring.processId();
    PkmlSimulationEngine engine = new PkmlSimulationEngine(
        new PkmlEngineSettings(config.models().maxModelBytes(), CACHED_MODELS));
    ModelAccess models = new ModelAccess(config.models().searchPaths(), config.models().maxModelBytes());
    QueueWorker worker = Queues.startWorker(QueueWiring.settings(config), new WorkerJobExecutor(models, engine, id, clock),
        clock, id, threads);
    WorkerHealth health;
    try {
      health = WorkerHealth.start(config.server().host(), config.jobs().queue().workerHealthPort(), worker);
    } catch (java.io.IOException e) {
      worker.close();
      throw new io.mcpbridge.core.error.BackendUnavailableException("cannot open the worker health port "
          + config.jobs().queue().workerHealthPort() + ": " + e.getMessage(), e);
    }
    log.info("{} taking jobs with concurrency {}; health on http://{}:{}/health", id, threads,
        config.server().host(), health.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("{} stopping: no new jobs; running ones finish or are handed back", id);
      worker.close();
      health.close();
      stopped.countDown();
    }, "worker-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
