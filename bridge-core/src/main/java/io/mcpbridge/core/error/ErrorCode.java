package io.mcpbridge.core.error;

/**
 * The one error taxonomy of the bridge. Every adapter maps it once: HTTP status, MCP error object,
 * CLI exit code.
 */
public enum ErrorCode {
  INVALID_INPUT("InvalidInput", 400, false),
  UNAUTHENTICATED("Unauthenticated", 401, false),
  FORBIDDEN("Forbidden", 403, false),
  NOT_FOUND("NotFound", 404, false),
  CONFLICT("Conflict", 409, false),
  CONFIRMATION_REQUIRED("ConfirmationRequired", 428, false),
  RATE_LIMITED("RateLimited", 429, true),
  INTERNAL_ERROR("InternalError", 500, false),
  INTEROP_ERROR("InteropError", 502, true),
  BACKEND_UNAVAILABLE("BackendUnavailable", 503, true),
  TIMEOUT("Timeout", 504, true);

  private final String wireName;
  private final int httpStatus;
  private final boolean retryable;

  ErrorCode(String wireName, int httpStatus, boolean retryable) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  /** The stable name used in error bodies, e.g. {@code InvalidInput}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status this code maps to. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether a client may retry the same request unchanged. */
  public boolean retryable() {
    return retryable;
  }
}
