package io.mcpbridge.core.port;

import io.mcpbridge.core.model.WorkerReport;

/**
 * Records what remote workers report, in the process that owns the registry and the audit trail.
 * Idempotent: a report delivered again (at-least-once transport) or a late report of an attempt
 * that is no longer current changes nothing, so there is never a second result, terminal event or
 * audit record. Thread-safe; reports of one job must be passed in the order the worker sent them.
 */
public interface JobReports {

  /**
   * Applies one report.
   *
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the registry cannot be written;
   *     the caller must keep the report and pass it again
   */
  void record(WorkerReport report);
}
