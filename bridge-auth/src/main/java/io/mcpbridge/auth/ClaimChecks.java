package io.mcpbridge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The registered-claim checks, with the configured clock skew: {@code exp} (required), {@code nbf},
 * {@code iat}, {@code iss}, {@code aud} and {@code sub} (required), and Keycloak's token-kind claim
 * {@code typ}, which must be {@code Bearer} when present. Time comes from the injected clock, never
 * from {@code new Date()}.
 */
final class ClaimChecks {
  /** Keycloak's {@code typ} claim of access tokens; its ID, refresh and logout tokens say otherwise. */
  private static final String ACCESS_TOKEN_KIND = "Bearer";

  private final Optional<String> issuer;
  private final Optional<String> audience;
  private final Duration skew;
  private final Clock clock;

  /**
   * @param issuer the exact {@code iss} required, or empty to accept any issuer
   * @param audience a value {@code aud} must contain, or empty to skip the check
   */
  ClaimChecks(Optional<String> issuer, Optional<String> audience, Duration skew, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.skew = skew;
    this.clock = clock;
  }

  void check(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw Failures.rejected("token has no expiry (exp)");
    }
    if (now.isAfter(exp.toInstant().plus(skew))) {
      throw Failures.rejected("token expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
      throw Failures.rejected("token is not valid yet (nbf)");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
      throw Failures.rejected("token was issued in the future (iat)");
    }
    if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
      throw Failures.rejected("token issuer (iss) is not accepted");
    }
    if (audience.isPresent()) {
      List<String> aud = claims.getAudience();
      if (aud == null || !aud.contains(audience.get())) {
        throw Failures.rejected("token audience (aud) is not accepted");
      }
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw Failures.rejected("token has no subject (sub)");
    }
    // An ID token names the client that logged in as its audience; where that client is also the
    // bridge's audience, only this claim tells it from an access token. Absent claim: other issuers.
    Object kind = claims.getClaim("typ");
    if (kind != null && !(kind instanceof String k && k.equalsIgnoreCase(ACCESS_TOKEN_KIND))) {
      throw Failures.rejected("token is not an access token (its typ claim is not Bearer)");
    }
  }
}
