package io.mcpbridge.http;

import io.javalin.http.Context;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.RateLimitedException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.core.security.RateLimiter;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Establishes who is calling: a bearer token checked by the {@link TokenVerifier}, or, where the
 * configuration allows it, the anonymous viewer. Applies the rate limit per principal, and per
 * client address to anonymous calls and to failed authentications (so tokens cannot be guessed
 * at speed). Never logs tokens.
 */
public final class Authenticator {
  static final String PRINCIPAL_ATTRIBUTE = "bridge.principal";
  private static final String BEARER = "bearer ";
  // Bounded before any parsing: a token larger than this is refused outright.
  private static final int MAX_HEADER_LENGTH = 16 * 1024;

  private final Optional<TokenVerifier> verifier;
  private final boolean allowAnonymous;
  private final Optional<RateLimiter> limiter;

  /**
   * @param verifier checks bearer tokens; empty if no token source is configured
   * @param allowAnonymous let callers without a token act as viewer (development only)
   * @param limiter requests per minute per principal and per anonymous client; empty = no limit
   */
  public Authenticator(Optional<TokenVerifier> verifier, boolean allowAnonymous, Optional<RateLimiter> limiter) {
    this.verifier = verifier;
    this.allowAnonymous = allowAnonymous;
    this.limiter = limiter;
  }

  private void charge(String key) {
    if (limiter.isPresent()) {
      RateLimiter.Decision d = limiter.get().tryAcquire(key);
      if (!d.allowed()) {
        throw new RateLimitedException("too many requests; retry in " + d.retryAfterSeconds() + " s", d.retryAfterSeconds());
      }
    }
  }

  /** The caller of a request, remembered on the context and in the logging MDC. */
  Principal authenticate(Context ctx) {
    Principal cached = ctx.attribute(PRINCIPAL_ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String header = ctx.header("Authorization");
    Principal principal;
    if (header == null || header.isBlank()) {
      if (!allowAnonymous) {
        throw new AuthenticationException("a bearer token is required");
      }
      charge("ip:" + ctx.ip());
      principal = Principal.anonymous();
    } else {
      if (header.length() > MAX_HEADER_LENGTH) {
        throw new AuthenticationException("the Authorization header is too large");
      }
      if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        throw new AuthenticationException("the Authorization header must be 'Bearer <token>'");
      }
      TokenVerifier v = verifier.orElseThrow(() ->
          new AuthenticationException("this server accepts no bearer tokens (no identity provider configured)"));
      try {
        principal = v.verify(header.substring(BEARER.length()).trim());
      } catch (AuthenticationException e) {
        charge("ip:" + ctx.ip());
        throw e;
      }
      charge("principal:" + principal.issuer().orElse("") + "|" + principal.subject());
    }
    ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
    MDC.put("principal", principal.subject());
    return principal;
  }
}
