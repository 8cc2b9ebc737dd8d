package io.mcpbridge.core.port;

import io.mcpbridge.core.model.Principal;

/**
 * Turns a bearer token into a principal. Implementations are thread-safe and never log token
 * contents.
 */
public interface TokenVerifier {

  /**
   * Verifies a token: signature, algorithm allow-list, issuer, audience, expiry and the other
   * time claims, and maps its claims to roles.
   *
   * @param bearerToken the token without the {@code Bearer } prefix
   * @return the caller, never null
   * @throws io.mcpbridge.core.error.AuthenticationException if the token is malformed, forged,
   *     expired, not yet valid, for another audience or issuer, or replayed; the message says
   *     which without echoing the token
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the issuer's keys cannot be
   *     fetched and no cached key applies
   */
  Principal verify(String bearerToken);
}
