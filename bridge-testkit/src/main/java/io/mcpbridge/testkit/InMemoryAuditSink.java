package io.mcpbridge.testkit;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditQueries;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AuditSink} in memory with the real chain logic, for tests of code that audits. Can be
 * told to fail, to exercise fail-closed and fail-open behaviour. Thread-safe.
 */
public final class InMemoryAuditSink implements AuditSink {
  private final List<AuditRecord> records = new ArrayList<>();
  private final AuditChain chain = AuditChain.empty();
  private boolean failing;
  private boolean closed;

  @Override
  public synchronized AuditRecord append(AuditEvent event) {
    if (failing || closed) {
      throw new BackendUnavailableException(closed ? "audit sink closed" : "audit store unavailable (simulated)");
    }
    AuditRecord record = chain.append(event);
    records.add(record);
    return record;
  }

  @Override
  public synchronized List<AuditRecord> query(AuditQuery query) {
    return records.stream().filter(r -> AuditQueries.matches(query, r)).limit(query.limit()).toList();
  }

  @Override
  public synchronized boolean healthy() {
    return !failing && !closed;
  }

  /** Makes appends fail (true) or succeed again (false). */
  public synchronized void failAppends(boolean fail) {
    this.failing = fail;
  }

  /** Every record so far, in chain order. */
  public synchronized List<AuditRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
