package io.mcpbridge.core.port;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What is measured about the audit trail's writer. Implementations are thread-safe, cheap and never
 * throw. Every method does nothing by default.
 */
public interface AuditMetrics {

  /**
   * A batch of records was stored durably.
   *
   * @param records how many records the batch held
   * @param latency time from the oldest record's arrival to its durable storage
   */
  default void appended(int records, Duration latency) {}

  /**
   * A batch could not be stored.
   *
   * @param records how many records were refused with it
   */
  default void appendFailed(int records) {}

  /**
   * Registers where the writer's state is read at scrape time.
   *
   * @param healthy whether appends currently succeed
   * @param backlog records accepted but not yet stored
   */
  default void observe(BooleanSupplier healthy, LongSupplier backlog) {}
}
