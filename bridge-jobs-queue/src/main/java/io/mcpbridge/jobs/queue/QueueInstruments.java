package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.port.WorkerMetrics;
import java.util.Objects;

/**
 * Where the Redis backend and its workers report what they measure.
 *
 * @param queue the broker: connection state, redeliveries, lease expiries, publications
 * @param workers worker slots, liveness and processed jobs
 * @param jobs job lifecycle (dead letters are counted where they happen: on the worker)
 */
public record QueueInstruments(QueueMetrics queue, WorkerMetrics workers, JobMetrics jobs) {
  /** Measures nothing. */
  public static final QueueInstruments NONE = new QueueInstruments(NoMetrics.INSTANCE, NoMetrics.INSTANCE,
      NoMetrics.INSTANCE);

  public QueueInstruments {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(jobs, "jobs");
  }
}
