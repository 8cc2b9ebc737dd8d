package io.mcpbridge.core.error;

import java.util.List;
import java.util.Optional;

/**
 * A critical tool needs a human's confirmation before it runs. Over REST the confirmation is the
 * {@code X-MCP-Confirm: true} header; over MCP it is elicitation or a single-use nonce bound to
 * the exact call, carried here.
 */
public class ConfirmationRequiredException extends BridgeException {
  private static final long serialVersionUID = 1L;

  private final String nonce;

  public ConfirmationRequiredException(String message, Optional<String> nonce) {
    super(ErrorCode.CONFIRMATION_REQUIRED, message, List.of(), null);
    this.nonce = nonce.orElse(null);
  }

  /** The nonce a confirmed retry must present, if the edge issues one. */
  public Optional<String> nonce() {
    return Optional.ofNullable(nonce);
  }
}
