package io.mcpbridge.core.error;

import java.util.List;

/** The addressed simulation, job, result or model does not exist (or is not visible to the caller). */
public class NotFoundException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message, List.of(), null);
  }

  public NotFoundException(String message, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, List.of(), cause);
  }

  public NotFoundException(String message, List<ErrorDetail> details) {
    super(ErrorCode.NOT_FOUND, message, details, null);
  }
}
