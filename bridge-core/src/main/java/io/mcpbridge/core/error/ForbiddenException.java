package io.mcpbridge.core.error;

import java.util.List;

/** The caller is authenticated but lacks the role the operation requires. */
public class ForbiddenException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(ErrorCode.FORBIDDEN, message, List.of(), null);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(ErrorCode.FORBIDDEN, message, List.of(), cause);
  }

  public ForbiddenException(String message, List<ErrorDetail> details) {
    super(ErrorCode.FORBIDDEN, message, details, null);
  }
}
