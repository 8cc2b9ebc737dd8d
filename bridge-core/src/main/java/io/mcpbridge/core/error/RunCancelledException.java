package io.mcpbridge.core.error;

import java.util.List;

/** A running simulation stopped because its cancellation was requested. */
public class RunCancelledException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public RunCancelledException(String message) {
    super(ErrorCode.CONFLICT, message, List.of(), null);
  }
}
