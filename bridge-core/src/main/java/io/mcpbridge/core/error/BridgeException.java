package io.mcpbridge.core.error;

import java.util.List;
import java.util.Objects;

/**
 * Root of the bridge's exception family. Unchecked; ports document the subtypes they throw. The
 * message is safe to show to a client: it never carries secrets or stack traces.
 */
public abstract class BridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient List<ErrorDetail> details;

  protected BridgeException(ErrorCode code, String message, List<ErrorDetail> details, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.details = List.copyOf(details);
  }

  /** The taxonomy entry of this failure. */
  public ErrorCode code() {
    return code;
  }

  /** Field-level details, possibly empty. */
  public List<ErrorDetail> details() {
    return details;
  }
}
