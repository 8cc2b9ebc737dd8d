package io.mcpbridge.core.error;

import java.util.List;

/** An infrastructure dependency (broker, registry, audit store, identity provider) cannot be reached. */
public class BackendUnavailableException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(ErrorCode.BACKEND_UNAVAILABLE, message, List.of(), null);
  }

  public BackendUnavailableException(String message, Throwable cause) {
    super(ErrorCode.BACKEND_UNAVAILABLE, message, List.of(), cause);
  }

  public BackendUnavailableException(String message, List<ErrorDetail> details) {
    super(ErrorCode.BACKEND_UNAVAILABLE, message, details, null);
  }
}
