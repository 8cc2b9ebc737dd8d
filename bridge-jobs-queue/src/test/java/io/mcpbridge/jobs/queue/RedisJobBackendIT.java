package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobHandler;
import io.mcpbridge.testkit.JobBackendContract;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The job backend contract, passed by the Redis Streams backend together with a worker in the
 * same test process, against the real Redis on 127.0.0.1:6379 (each test under its own key prefix,
 * deleted afterwards). Every submit crosses the broker as an encoded job message.
 */
class RedisJobBackendIT extends JobBackendContract {

  @Override
  protected JobBackend createBackend(int workers, Clock clock) {
    return new BackendWithWorker(LocalRedis.freshPrefix(), workers, clock);
  }

  /** The API-side backend and one worker process's loop, as one {@link JobBackend}. */
  private static final class BackendWithWorker implements JobBackend {
    private static final ModelRef MODEL = new ModelRef(Path.of("/models/contract.pkml"), "0".repeat(64));
    private final String prefix;
    private final int workers;
    private final Clock clock;
    private final RedisJobBackend backend;
    private RedisWorker worker;

    BackendWithWorker(String prefix, int workers, Clock clock) {
      this.prefix = prefix;
      this.workers = workers;
      this.clock = clock;
      this.backend = RedisJobBackend.connect(LocalRedis.settings(prefix), id -> new JobMessage(id, 1,
          new SimulationId("contract"), 1, SimulationSpec.of(MODEL), Duration.ofMinutes(5), "job-" + id.value(),
          Optional.empty()), clock, "api");
    }

    @Override
    public void start(JobHandler handler) {
      backend.start(handler);
      worker = RedisWorker.start(LocalRedis.settings(prefix), (message, control, reports) -> {
        JobId id = message.jobId();
        reports.accept(WorkerReport.started(id, message.attempt(), "w", clock.instant()));
        WorkerReport.Kind kind = WorkerReport.Kind.FAILED;
        try {
          handler.handle(id, control);
          control.checkpoint(0, 1); // the contract's handlers may return on a stop they caught
        } catch (RunCancelledException e) {
          kind = WorkerReport.Kind.CANCELLED;
        } catch (TimeoutException e) {
          kind = WorkerReport.Kind.TIMED_OUT;
        }
        reports.accept(WorkerReport.ended(id, message.attempt(), kind, "w", clock.instant(),
            new JobFailure("ContractRun", "contract handler returned", false)));
      }, clock, "worker-" + prefix, workers);
    }

    @Override
    public void submit(JobId id, Duration timeout, Duration delay) {
      backend.submit(id, timeout, delay);
    }

    @Override
    public void cancel(JobId id) {
      backend.cancel(id);
    }

    @Override
    public void close() {
      try {
        if (worker != null) {
          worker.close();
        }
        backend.close();
      } finally {
        LocalRedis.deleteAll(prefix);
      }
    }
  }
}
