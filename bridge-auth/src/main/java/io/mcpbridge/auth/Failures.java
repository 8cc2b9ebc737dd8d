package io.mcpbridge.auth;

import io.mcpbridge.core.error.AuthenticationException;

/**
 * The messages of rejected tokens, in one place. None of them carries any part of the token (not
 * even header values such as {@code kid}), so they are safe in a 401 body and in logs.
 */
final class Failures {
  private Failures() {}

  static AuthenticationException rejected(String message) {
    return new AuthenticationException(message);
  }
}
