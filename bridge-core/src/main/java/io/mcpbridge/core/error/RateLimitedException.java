package io.mcpbridge.core.error;

import java.util.List;

/** The caller exceeded a rate limit; retry after the advertised delay. */
public class RateLimitedException extends BridgeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  /**
   * @param message what was limited
   * @param retryAfterSeconds when the caller may try again (for {@code Retry-After})
   */
  public RateLimitedException(String message, long retryAfterSeconds) {
    super(ErrorCode.RATE_LIMITED, message, List.of(), null);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  /** Seconds until a retry may succeed; 1 when unknown. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public RateLimitedException(String message) {
    super(ErrorCode.RATE_LIMITED, message, List.of(), null);
    this.retryAfterSeconds = 1;
  }

  public RateLimitedException(String message, Throwable cause) {
    super(ErrorCode.RATE_LIMITED, message, List.of(), cause);
    this.retryAfterSeconds = 1;
  }

  public RateLimitedException(String message, List<ErrorDetail> details) {
    super(ErrorCode.RATE_LIMITED, message, details, null);
    this.retryAfterSeconds = 1;
  }
}
