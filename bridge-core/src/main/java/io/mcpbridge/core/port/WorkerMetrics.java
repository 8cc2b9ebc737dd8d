package io.mcpbridge.core.port;

import java.util.function.LongSupplier;

/**
 * What a worker process measures about itself (each worker is one scrape target, so its gauges
 * carry the target's {@code instance} label, not a worker id), and what any process sees of the
 * worker fleet. The only worker-named series is the processed-jobs counter, whose {@code worker}
 * label has one value per worker process. Implementations are thread-safe, cheap and never throw.
 * Every method does nothing by default.
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
   * Registers where the fleet's liveness is read at scrape time: for a process that sees the
   * workers' heartbeats without being a worker (the API).
   *
   * @param liveWorkers workers whose heartbeat is recent
   * @param oldestHeartbeatAgeSeconds age of the stalest live heartbeat in seconds
   */
  default void observeFleet(LongSupplier liveWorkers, LongSupplier oldestHeartbeatAgeSeconds) {}

  /**
   * A worker finished processing a job message.
   *
   * @param worker the worker's name (one per worker process, so the label stays bounded)
   * @param outcome the job's terminal state, or {@code requeued}
   */
  default void processed(String worker, String outcome) {
    processed(outcome);
  }

  /**
   * This worker finished processing a job message.
   *
   * @param outcome the job's terminal state, or {@code requeued}
   */
  default void processed(String outcome) {}
}
