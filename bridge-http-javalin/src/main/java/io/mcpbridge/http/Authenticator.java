package io.mcpbridge.http;

import io.javalin.http.Context;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.RateLimitedException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.AuthMetrics;
import io.mcpbridge.core.port.NoMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;
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
  private static final AuditIdentity UNAUTHENTICATED = new AuditIdentity("unauthenticated", List.of(),
      Optional.empty(), Optional.empty(), false, "none");

  private final Optional<TokenVerifier> verifier;
  private final boolean allowAnonymous;
  private final Optional<RateLimiter> limiter;
  private final Optional<AuditSink> audit;
  private final java.time.Clock clock;
  private final AuthMetrics metrics;

  /**
   * @param verifier checks bearer tokens; empty if no token source is configured
   * @param allowAnonymous let callers without a token act as viewer (development only)
   * @param limiter requests per minute per principal and per anonymous client; empty = no limit
   */
  public Authenticator(Optional<TokenVerifier> verifier, boolean allowAnonymous, Optional<RateLimiter> limiter) {
    this(verifier, allowAnonymous, limiter, Optional.empty(), java.time.Clock.systemUTC());
  }

  /**
   * @param audit where refused authentications and rate-limit refusals are recorded ({@code auth.*})
   * @param clock time of those records
   */
  public Authenticator(Optional<TokenVerifier> verifier, boolean allowAnonymous, Optional<RateLimiter> limiter,
      Optional<AuditSink> audit, java.time.Clock clock) {
    this(verifier, allowAnonymous, limiter, audit, NoMetrics.INSTANCE, clock);
  }

  /**
   * @param metrics where refusals are counted, by reason and by rate-limit scope
   */
  public Authenticator(Optional<TokenVerifier> verifier, boolean allowAnonymous, Optional<RateLimiter> limiter,
      Optional<AuditSink> audit, AuthMetrics metrics, java.time.Clock clock) {
    this.metrics = metrics;
    this.verifier = verifier;
    this.allowAnonymous = allowAnonymous;
    this.limiter = limiter;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records a refusal. Nothing is acknowledged to the refused caller, so the event is queued
   * rather than awaited; messages never contain the token.
   */
  private void record(Context ctx, String type, String reason) {
    if (audit.isEmpty()) {
      return;
    }
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("method", ctx.method().name());
    summary.put("path", ctx.path());
    summary.put("clientAddress", ctx.ip());
    summary.put("reason", reason);
    try {
      audit.get().appendLater(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), type,
          CorrelationIds.of(ctx), UNAUTHENTICATED, summary, Optional.empty(), Optional.empty(), "refused", 0,
          Optional.empty()));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Authenticator.class).warn("could not audit a refused request: {}", e.getMessage());
    }
  }

  private void charge(String key) {
    if (limiter.isPresent()) {
      RateLimiter.Decision d = limiter.get().tryAcquire(key);
      if (!d.allowed()) {
        metrics.rateLimited(key.startsWith("ip:") ? "address" : "principal");
        throw new RateLimitedException("too many requests; retry in " + d.retryAfterSeconds() + " s", d.retryAfterSeconds());
      }
    }
  }

  /** The caller of a request, remembered on the context and in the logging MDC. */
  Principal authenticate(Context ctx) {
    try {
      return establish(ctx);
    } catch (AuthenticationException e) {
      metrics.refused(AuthMetrics.Reason.of(e.getMessage()));
      record(ctx, "auth.failed", e.getMessage());
      throw e;
    } catch (RateLimitedException e) {
      record(ctx, "auth.rate_limited", e.getMessage());
      throw e;
    }
  }

  private Principal establish(Context ctx) {
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
      } catch (BackendUnavailableException e) {
        metrics.refused(AuthMetrics.Reason.IDENTITY_PROVIDER_UNAVAILABLE);
        throw e;
      }
      charge("principal:" + principal.issuer().orElse("") + "|" + principal.subject());
    }
    ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
    MDC.put("principal", principal.subject());
    return principal;
  }
}
