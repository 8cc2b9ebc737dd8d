package io.mcpbridge.core.port;

/** Measures nothing: for processes and tests that export no metrics. */
public enum NoMetrics implements RequestMetrics, JobMetrics, EngineMetrics, AuditMetrics, AuthMetrics,
    QueueMetrics, WorkerMetrics {
  /** The one instance. */
  INSTANCE
}
