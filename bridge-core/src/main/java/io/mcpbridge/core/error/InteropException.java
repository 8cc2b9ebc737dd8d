package io.mcpbridge.core.error;

import java.util.List;

/** A model or peer produced something the bridge cannot interpret, e.g. a solver failure on a loaded model. */
public class InteropException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public InteropException(String message) {
    super(ErrorCode.INTEROP_ERROR, message, List.of(), null);
  }

  public InteropException(String message, Throwable cause) {
    super(ErrorCode.INTEROP_ERROR, message, List.of(), cause);
  }

  public InteropException(String message, List<ErrorDetail> details) {
    super(ErrorCode.INTEROP_ERROR, message, details, null);
  }
}
