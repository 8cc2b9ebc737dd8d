package io.mcpbridge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Rejects the second use of a single-use token. Only tokens carrying {@code "single_use": true}
 * are remembered, by issuer and {@code jti}, until their expiry plus the replay window (at least
 * the clock skew, during which an expired token is still accepted). Ordinary access tokens are
 * meant to be reused until they expire and are never checked. The memory is per process.
 */
final class ReplayGuard {
  /** The claim that marks a token as single-use; its value must be the JSON boolean {@code true}. */
  static final String SINGLE_USE_CLAIM = "single_use";
  static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Duration retention;
  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Instant> seen = new HashMap<>();

  ReplayGuard(Duration window, Duration skew, Clock clock, int maxEntries) {
    this.retention = window.compareTo(skew) >= 0 ? window : skew;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** Called only for tokens whose signature and claims were verified. */
  void check(JWTClaimsSet claims) {
    Object flag = claims.getClaim(SINGLE_USE_CLAIM);
    if (flag == null || Boolean.FALSE.equals(flag)) {
      return;
    }
    if (!Boolean.TRUE.equals(flag)) {
      throw Failures.rejected("malformed token: single_use must be true or false");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw Failures.rejected("single-use token has no token id (jti)");
    }
    String key = claims.getIssuer() + "\n" + jti;
    Instant now = clock.instant();
    Instant forgetAt = claims.getExpirationTime().toInstant().plus(retention);
    synchronized (seen) {
      Instant until = seen.get(key);
      if (until != null && until.isAfter(now)) {
        throw Failures.rejected("single-use token was already used");
      }
      if (seen.size() >= maxEntries) {
        seen.values().removeIf(t -> !t.isAfter(now));
        if (seen.size() >= maxEntries) {
          throw Failures.rejected("too many single-use tokens in flight; try again later");
        }
      }
      seen.put(key, forgetAt);
    }
  }
}
