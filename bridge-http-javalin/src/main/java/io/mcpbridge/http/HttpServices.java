package io.mcpbridge.http;

import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.ToolService;
import java.time.Clock;
import io.mcpbridge.core.port.ComponentHealth;
import java.util.List;
import java.util.Objects;

/**
 * The ports the HTTP edge serves.
 *
 * @param tools the tool catalog and invoker
 * @param authenticator who is calling
 * @param jobs job records and events (read-only use)
 * @param jobFollower follows a job's events for event streams
 * @param audit the audit trail (read by admins)
 * @param clock time source
 * @param health further components reported by {@code /health} (e.g. the job broker)
 */
public record HttpServices(ToolService tools, Authenticator authenticator, JobRegistry jobs, JobFollower jobFollower,
    AuditSink audit, Clock clock, List<ComponentHealth> health) {
  public HttpServices {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(jobFollower, "jobFollower");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(clock, "clock");
    health = List.copyOf(health);
  }

  /** Services without further health components. */
  public HttpServices(ToolService tools, Authenticator authenticator, JobRegistry jobs, JobFollower jobFollower, AuditSink audit,
      Clock clock) {
    this(tools, authenticator, jobs, jobFollower, audit, clock, List.of());
  }
}
