package io.mcpbridge.cli;

import io.mcpbridge.audit.local.LocalAuditSettings;
import io.mcpbridge.audit.local.LocalFileAuditSink;
import io.mcpbridge.audit.s3.S3AuditSettings;
import io.mcpbridge.audit.s3.S3AuditSink;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuditSink;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail of a process that owns the registry (AUDIT_BACKEND, AUDIT_ENABLED). */
final class AuditWiring {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWiring.class);

  private AuditWiring() {}

  /** Opens the configured sink; the caller closes it. */
  static AuditSink open(AppConfig config, Clock clock, AuditMetrics metrics) {
    AuditSettings audit = config.audit();
    if (!audit.enabled()) {
      LOG.warn("AUDIT_ENABLED=false: tool calls and job transitions are NOT recorded");
      return new DisabledAuditSink();
    }
    if (audit.backend() == AuditSettings.Backend.S3) {
      return S3AuditSink.open(S3AuditSettings.from(audit, config.server().environment(), clock), metrics);
    }
    return LocalFileAuditSink.open(LocalAuditSettings.from(audit, config.server().environment(), clock), metrics);
  }
}
