package io.mcpbridge.core.error;

import java.util.List;

/** No credentials, or credentials that could not be verified (bad, expired, forged token). */
public class AuthenticationException extends BridgeException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(ErrorCode.UNAUTHENTICATED, message, List.of(), null);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(ErrorCode.UNAUTHENTICATED, message, List.of(), cause);
  }

  public AuthenticationException(String message, List<ErrorDetail> details) {
    super(ErrorCode.UNAUTHENTICATED, message, details, null);
  }
}
