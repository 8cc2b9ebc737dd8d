package io.mcpbridge.http;

import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobWatch;
import io.mcpbridge.core.port.ToolService;
import java.time.Clock;
import java.util.Objects;

/**
 * The ports the HTTP edge serves.
 *
 * @param tools the tool catalog and invoker
 * @param authenticator who is calling
 * @param jobs job records and events (read-only use)
 * @param jobWatch in-process change notifications for event streams
 * @param audit the audit trail (read by admins)
 * @param clock time source
 */
public record HttpServices(ToolService tools, Authenticator authenticator, JobRegistry jobs, JobWatch jobWatch,
    AuditSink audit, Clock clock) {
  public HttpServices {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(jobWatch, "jobWatch");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(clock, "clock");
  }
}
