package io.mcpbridge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.InternalErrorException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Makes HS256 development tokens ({@code bridge token mint}) that the verifier of the same
 * settings accepts: {@code sub}, {@code roles}, {@code iat}, {@code nbf}, {@code exp},
 * {@code jti}, {@code iss} {@value DevelopmentTokens#ISSUER} and {@code aud} = the configured
 * audience or {@value DevelopmentTokens#DEFAULT_AUDIENCE}. Exists only where development tokens
 * are allowed (development, local, test) and {@code AUTH_DEV_SECRET} is set.
 */
public final class DevelopmentTokenMinter {
  /** The longest lifetime of a development token. */
  public static final Duration MAX_TTL = Duration.ofDays(7);

  private final MACSigner signer;
  private final String audience;
  private final Clock clock;

  private DevelopmentTokenMinter(byte[] secret, String audience, Clock clock) {
    try {
      this.signer = new MACSigner(secret);
    } catch (JOSEException e) {
      throw new InvalidInputException("AUTH_DEV_SECRET cannot be used as an HS256 key");
    }
    this.audience = audience;
    this.clock = clock;
  }

  /**
   * A minter for the configured development secret.
   *
   * @throws InvalidInputException if {@code AUTH_DEV_SECRET} is not set, is shorter than 32 bytes,
   *     or the environment is not development, local or test
   */
  public static DevelopmentTokenMinter fromSettings(AuthSettings settings, Environment environment, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    if (settings.devSecret().isEmpty()) {
      throw new InvalidInputException("AUTH_DEV_SECRET is not set: development tokens need a shared secret of at least "
          + DevelopmentTokens.MIN_SECRET_BYTES + " bytes (ENVIRONMENT development, local or test only)");
    }
    byte[] secret = DevelopmentTokens.secretBytes(settings.devSecret().get(), environment);
    return new DevelopmentTokenMinter(secret, DevelopmentTokens.audience(settings), clock);
  }

  /**
   * A token usable until it expires, as many times as needed.
   *
   * @param subject the {@code sub}
   * @param roles granted roles, possibly none
   * @param ttl lifetime, positive and at most {@link #MAX_TTL}
   * @return the compact JWT
   */
  public String mint(String subject, Set<Role> roles, Duration ttl) {
    return mint(subject, roles, ttl, false);
  }

  /** Like {@link #mint} but marked {@code "single_use": true}: the verifier accepts it once. */
  public String mintSingleUse(String subject, Set<Role> roles, Duration ttl) {
    return mint(subject, roles, ttl, true);
  }

  private String mint(String subject, Set<Role> roles, Duration ttl, boolean singleUse) {
    if (subject == null || subject.isBlank()) {
      throw new InvalidInputException("the subject of a token must not be blank");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new InvalidInputException("token lifetime must be positive and at most " + MAX_TTL.toDays() + " days");
    }
    Instant now = clock.instant();
    List<String> roleNames = roles.stream().sorted().map(Role::wireName).toList();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(DevelopmentTokens.ISSUER)
        .audience(audience)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .claim(DevelopmentTokens.ROLES_CLAIM, roleNames);
    if (singleUse) {
      claims.claim(ReplayGuard.SINGLE_USE_CLAIM, true);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new InternalErrorException("could not sign the development token", e);
    }
    return jwt.serialize();
  }
}
