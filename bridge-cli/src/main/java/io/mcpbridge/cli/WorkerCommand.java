package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bridge worker}: takes jobs from the broker and runs them, built by {@link WorkerWiring}
 * (engine and broker only) until SIGTERM.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run queued jobs from the broker (JOB_BACKEND=queue, JOB_BROKER_URL) with the native engine.",
        "Models are resolved in this worker's MCP_MODEL_SEARCH_PATHS and checked against the job's SHA-256.",
        "GET /health and /metrics on HOST:JOB_WORKER_HEALTH_PORT. On SIGTERM stops taking work, lets running jobs finish",
        "for 20 s, then hands the rest back to the queue."})
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--concurrency", description = "Jobs run at once (default: JOB_WORKER_THREADS).")
  Integer concurrency;

  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    int threads = concurrency == null ? config.jobs().workerThreads() : concurrency;
    LoggingSetup.configure(config.server().logLevel(), config.server().logFormat(), LoggingSetup.Target.STDOUT);
    Logger log = LoggerFactory.getLogger(WorkerCommand.class);
    String id = "worker-" + QueueWiring.processId();
    WorkerWiring worker = WorkerWiring.start(config, id, threads, Clock.systemUTC());
    log.info("{} taking jobs with concurrency {}; health on http://{}:{}/health{}", id, threads,
        config.server().host(), worker.healthPort(), worker.servesMetrics() ? ", metrics on /metrics" : "");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("{} stopping: no new jobs; running ones finish or are handed back", id);
      worker.close();
      stopped.countDown();
    }, "worker-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
