package io.mcpbridge.core.config;

import java.util.Objects;

/**
 * One finding of configuration validation.
 *
 * @param severity error (the process must not start) or warning
 * @param variable the variable concerned, e.g. {@code JOB_BROKER_URL}
 * @param value the offending value as it may be shown (secrets masked), empty if unset
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(Severity severity, String variable, String value, String message) {
  /** How serious a problem is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(message, "message");
  }

  /** One line: {@code VARIABLE='value': message}. */
  public String describe() {
    return value.isEmpty() ? variable + ": " + message : variable + "='" + value + "': " + message;
  }
}
