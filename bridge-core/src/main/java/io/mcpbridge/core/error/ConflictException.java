package io.mcpbridge.core.error;

import java.util.List;

/** The request conflicts with existing state, e.g. an idempotency key reused with other arguments. */
public class ConflictException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(ErrorCode.CONFLICT, message, List.of(), null);
  }

  public ConflictException(String message, Throwable cause) {
    super(ErrorCode.CONFLICT, message, List.of(), cause);
  }

  public ConflictException(String message, List<ErrorDetail> details) {
    super(ErrorCode.CONFLICT, message, details, null);
  }
}
