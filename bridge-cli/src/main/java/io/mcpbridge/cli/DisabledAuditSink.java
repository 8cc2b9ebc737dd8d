package io.mcpbridge.cli;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.util.List;

/**
 * The audit sink when {@code AUDIT_ENABLED=false} (refused in production by the configuration
 * rules): records nothing and says so in every record it returns.
 */
final class DisabledAuditSink implements AuditSink {
  private static final String NOTHING = "0".repeat(64);

  @Override
  public AuditRecord append(AuditEvent event) {
    return new AuditRecord(event, 0, NOTHING, NOTHING);
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    return List.of();
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public void close() {
    // nothing held
  }
}
