package io.mcpbridge.jobs.queue;

import io.mcpbridge.core.port.BrokerJobState;
import io.mcpbridge.core.port.ComponentHealth;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobReports;
import java.util.List;

/**
 * The API side of {@code JOB_BACKEND=queue}, whatever the broker: publishes job messages (a submit
 * returns only once the broker confirmed the message, else
 * {@link io.mcpbridge.core.error.BackendUnavailableException}), sends cancellations on the control
 * channel, records worker reports, and tells the reconciler and {@code /health} what the broker
 * knows. The {@link io.mcpbridge.core.port.JobHandler} given to {@link #start} is not called:
 * attempts run in {@code bridge worker} processes. Thread-safe.
 */
public interface QueueJobBackend extends JobBackend, BrokerJobState, ComponentHealth {

  /** Starts recording worker reports with {@code reports}. Called once, after {@link #start}. */
  void recordReports(JobReports reports);

  /** True if the broker answers now. */
  boolean brokerReachable();

  /** Ids of the workers whose heartbeat is current. */
  List<String> liveWorkers();

  /** Workers run single simulations; populations and sensitivity analyses are not split into messages yet. */
  @Override
  default boolean runsEveryJobKind() {
    return false;
  }
}
