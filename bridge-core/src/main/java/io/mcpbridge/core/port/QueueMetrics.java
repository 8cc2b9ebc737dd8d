package io.mcpbridge.core.port;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What is measured about the broker of the queue job backend. Implementations are thread-safe,
 * cheap and never throw. Every method does nothing by default.
 */
public interface QueueMetrics {

  /**
   * Registers where the broker's state is read at scrape time.
   *
   * @param depth messages waiting to be delivered
   * @param oldestAgeSeconds age of the oldest waiting message in seconds (0 when none)
   * @param pending deliveries handed to a worker and not yet acknowledged
   * @param connected whether the broker connection is up
   */
  default void observe(LongSupplier depth, LongSupplier oldestAgeSeconds, LongSupplier pending,
      BooleanSupplier connected) {}

  /**
   * Registers only the broker connection state: for processes that use the broker but do not own
   * the queue's depth and age (workers), so sums over the fleet do not count the queue twice.
   *
   * @param connected whether the broker connection is up
   */
  default void observeBroker(BooleanSupplier connected) {}

  /** A message was delivered again after a worker failed to acknowledge it. */
  default void redelivered() {}

  /** A worker's lease on a message expired before it finished. */
  default void leaseExpired() {}

  /**
   * The reconciler between the registry and the broker acted.
   *
   * @param action a bounded name such as {@code requeued}, {@code failed} or {@code dropped}
   */
  default void reconciled(String action) {}

  /**
   * The time a publication took to be confirmed by the broker.
   *
   * @param latency from publish to confirmation
   */
  default void published(Duration latency) {}
}
