package io.mcpbridge.core.error;

import java.util.List;

/** The request or file is malformed or violates a rule; nothing was changed. */
public class InvalidInputException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(ErrorCode.INVALID_INPUT, message, List.of(), null);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, message, List.of(), cause);
  }

  public InvalidInputException(String message, List<ErrorDetail> details) {
    super(ErrorCode.INVALID_INPUT, message, details, null);
  }
}
