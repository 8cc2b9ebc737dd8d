package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * Why a job did not succeed.
 *
 * @param code error code name (see {@link io.mcpbridge.core.error.ErrorCode}) or {@code interrupted}
 * @param message human-readable reason, safe to show
 * @param retryable whether another attempt may succeed
 */
public record JobFailure(String code, String message, boolean retryable) {
  public JobFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
