package io.mcpbridge.core.port;

import java.util.function.LongSupplier;

/**
 * What a worker process measures about itself (each worker is one scrape target, so per-worker
 * series carry the target's {@code instance} label, not a worker id). Implementations are
 * thread-safe, cheap and never throw. Every method does nothing by default.
 */
public interface WorkerMetrics {

  /**
   * Registers where the worker's state is read at scrape time.
   *
   * @param busySlots jobs running in this worker now
   * @param slots concurrent jobs this worker accepts
   * @param liveWorkers workers whose heartbeat is recent, as seen by this process
   * @param oldestHeartbeatAgeSeconds age of the stalest live heartbeat in seconds
   */
  default void observe(LongSupplier busySlots, LongSupplier slots, LongSupplier liveWorkers,
      LongSupplier oldestHeartbeatAgeSeconds) {}

  /**
   * This worker finished processing a job message.
   *
   * @param outcome the job's terminal state, or {@code requeued}
   */
  default void processed(String outcome) {}
}
