package io.mcpbridge.mcp;

import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.ToolService;
import java.time.Clock;
import java.util.Objects;

/**
 * The ports the MCP edge serves.
 *
 * @param tools the tool catalog and invoker (audits tool calls)
 * @param jobs job events, for progress of followed runs (read-only use)
 * @param jobFollower follows a run's events for progress notifications
 * @param audit where confirmation events are recorded
 * @param clock time source (nonce expiry, audit timestamps)
 */
public record McpServices(ToolService tools, JobRegistry jobs, JobFollower jobFollower, AuditSink audit, Clock clock) {
  public McpServices {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(jobFollower, "jobFollower");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(clock, "clock");
  }
}
