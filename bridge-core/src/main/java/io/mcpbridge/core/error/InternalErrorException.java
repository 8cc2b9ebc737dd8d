package io.mcpbridge.core.error;

import java.util.List;

/** An unexpected failure inside the bridge; the client sees only a generic message. */
public class InternalErrorException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public InternalErrorException(String message) {
    super(ErrorCode.INTERNAL_ERROR, message, List.of(), null);
  }

  public InternalErrorException(String message, Throwable cause) {
    super(ErrorCode.INTERNAL_ERROR, message, List.of(), cause);
  }

  public InternalErrorException(String message, List<ErrorDetail> details) {
    super(ErrorCode.INTERNAL_ERROR, message, details, null);
  }
}
