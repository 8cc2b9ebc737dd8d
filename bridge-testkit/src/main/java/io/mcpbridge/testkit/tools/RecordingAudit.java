package io.mcpbridge.testkit.tools;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit sink that keeps events in memory for assertions; can be switched to failing. */
public final class RecordingAudit implements AuditSink {
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  @Override
  public AuditRecord append(AuditEvent event) {
    if (failing) {
      throw new BackendUnavailableException("audit store unavailable (test)");
    }
    events.add(event);
    // Not a hash chain: the digests only make the record well-formed.
    return new AuditRecord(event, events.size(), "0".repeat(64), "0".repeat(64));
  }

  /** Every appended event, in order. */
  public List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** Events of one type. */
  public List<AuditEvent> events(String eventType) {
    return events.stream().filter(e -> e.eventType().equals(eventType)).toList();
  }

  /** Makes appends fail (true) or succeed again (false). */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    throw new UnsupportedOperationException("RecordingAudit keeps events, not records");
  }

  @Override
  public boolean healthy() {
    return !failing;
  }

  @Override
  public void close() {}
}
