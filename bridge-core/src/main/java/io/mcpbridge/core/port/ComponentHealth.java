package io.mcpbridge.core.port;

import java.util.Map;

/**
 * The state of a dependency as {@code /health} reports it (e.g. the job broker and its workers).
 * Must answer within a few seconds and must not throw. Thread-safe.
 */
public interface ComponentHealth {

  /** Component name to state: {@code ok}, or a short description of what is wrong (the service is then degraded). */
  Map<String, String> states();
}
