package io.mcpbridge.core.error;

import java.util.List;

/** An operation exceeded its deadline. */
public class TimeoutException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public TimeoutException(String message) {
    super(ErrorCode.TIMEOUT, message, List.of(), null);
  }

  public TimeoutException(String message, Throwable cause) {
    super(ErrorCode.TIMEOUT, message, List.of(), cause);
  }

  public TimeoutException(String message, List<ErrorDetail> details) {
    super(ErrorCode.TIMEOUT, message, details, null);
  }
}
