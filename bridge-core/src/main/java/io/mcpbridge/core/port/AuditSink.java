package io.mcpbridge.core.port;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import java.util.List;

/**
 * The tamper-evident audit trail: one continuous hash chain. Thread-safe; appends from several
 * threads are serialised into one order. Closing flushes and writes a final checkpoint.
 */
public interface AuditSink extends AutoCloseable {

  /**
   * Appends an event durably. Returns only once the record is persisted (e.g. fsynced), so an
   * acknowledged event is never lost.
   *
   * @param event the event
   * @return the stored record with its sequence and hashes
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the event cannot be persisted;
   *     the caller must then refuse the audited action (fail closed) or proceed knowingly (fail open)
   */
  AuditRecord append(AuditEvent event);

  /**
   * Queues an event for the same ordered, chained, durable storage as {@link #append} without
   * waiting for it: for events nobody is told were recorded (e.g. read-only tool calls). A failure
   * to store it makes {@link #healthy()} false. The default stores it synchronously.
   *
   * @param event the event
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the sink is closed or failed
   */
  default void appendLater(AuditEvent event) {
    append(event);
  }

  /**
   * Reads stored records.
   *
   * @param query filters and paging
   * @return matching records in chain order, possibly empty
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the store cannot be read
   */
  List<AuditRecord> query(AuditQuery query);

  /** True while appends succeed; false after a persistence failure until one succeeds again. */
  boolean healthy();

  /** Flushes, writes a closing checkpoint where supported, and releases the store. */
  @Override
  void close();
}
