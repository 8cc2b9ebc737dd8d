package io.mcpbridge.core.error;

import java.util.List;

/** The caller exceeded a rate limit; retry after the advertised delay. */
public class RateLimitedException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(String message) {
    super(ErrorCode.RATE_LIMITED, message, List.of(), null);
  }

  public RateLimitedException(String message, Throwable cause) {
    super(ErrorCode.RATE_LIMITED, message, List.of(), cause);
  }

  public RateLimitedException(String message, List<ErrorDetail> details) {
    super(ErrorCode.RATE_LIMITED, message, details, null);
  }
}
