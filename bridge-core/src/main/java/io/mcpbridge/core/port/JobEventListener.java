package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobEvent;

/** Receives job events as they happen. Must be fast and must not throw. */
@FunctionalInterface
public interface JobEventListener {
  /** Called once per event, in sequence order for a given job. */
  void onEvent(JobEvent event);
}
