package io.mcpbridge.auth;

import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.port.TokenVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the bridge's {@link TokenVerifier} from its settings: OIDC (issuer discovery or an
 * explicit JWKS URL), development tokens (HS256 with {@code AUTH_DEV_SECRET}, only in development,
 * local or test), or both. See ADR 0003 and docs/auth.md.
 */
public final class TokenVerifiers {
  private static final Logger LOG = LoggerFactory.getLogger(TokenVerifiers.class);

  /** Knobs that are not configuration variables; tests may shorten them. */
  record Tuning(int maxTokenChars, Duration minRefreshInterval, Duration retryInterval, Duration httpTimeout,
      int maxSingleUseTokens) {
    static final Tuning DEFAULTS = new Tuning(TokenParser.DEFAULT_MAX_TOKEN_CHARS, Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofSeconds(5), ReplayGuard.DEFAULT_MAX_ENTRIES);
  }

  private TokenVerifiers() {}

  /**
   * The verifier for these settings. No network call happens here: the issuer's keys are fetched
   * on first use.
   *
   * @param settings the authentication settings
   * @param environment the deployment environment (decides whether development tokens may exist)
   * @param clock time source for every time check
   * @return a thread-safe verifier; if neither OIDC nor development tokens are configured it
   *     rejects every token
   * @throws InvalidInputException if development tokens are configured outside development, local
   *     or test, the development secret is too short, OIDC is configured without an audience, or
   *     (in staging or production) without an issuer
   */
  public static TokenVerifier fromSettings(AuthSettings settings, Environment environment, Clock clock) {
    return build(settings, environment, clock, Tuning.DEFAULTS);
  }

  static CompositeTokenVerifier build(AuthSettings settings, Environment environment, Clock clock, Tuning tuning) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(clock, "clock");
    Optional<DevelopmentTokenVerifier> development = settings.devSecret().map(secret -> new DevelopmentTokenVerifier(
        DevelopmentTokens.secretBytes(secret, environment),
        new ClaimChecks(Optional.of(DevelopmentTokens.ISSUER), Optional.of(DevelopmentTokens.audience(settings)),
            settings.clockSkew(), clock)));
    Optional<OidcTokenVerifier> oidc = Optional.empty();
    if (settings.oidcConfigured()) {
      if (settings.audience().isEmpty()) {
        throw new InvalidInputException("AUTH_AUDIENCE is required when AUTH_ISSUER_URL or AUTH_JWKS_URL is set");
      }
      if (settings.issuerUrl().isEmpty() && environment.isProtected()) {
        throw new InvalidInputException("AUTH_ISSUER_URL is required in " + environment.wireName()
            + ": without it the token issuer (iss) would not be checked");
      }
      Optional<String> issuer = settings.issuerUrl().map(URI::toString);
      RemoteKeySet keys = new RemoteKeySet(issuer, settings.jwksUrl(), settings.jwksCache(), tuning.minRefreshInterval(),
          tuning.retryInterval(), new HttpJson(tuning.httpTimeout()), clock);
      ClaimMapping mapping = new ClaimMapping(settings.rolesClaim().orElse(ClaimMapping.DEFAULT_ROLES_CLAIM),
          settings.roleMapping(), settings.audience());
      oidc = Optional.of(new OidcTokenVerifier(settings.allowedAlgorithms(), keys,
          new ClaimChecks(issuer, settings.audience(), settings.clockSkew(), clock), mapping));
      LOG.info("OIDC tokens: issuer {}, audience {}, keys from {}, algorithms {}",
          issuer.orElse("(any; no AUTH_ISSUER_URL)"), settings.audience().get(),
          settings.jwksUrl().map(URI::toString).orElse("discovery"), settings.allowedAlgorithms());
    }
    if (development.isPresent()) {
      LOG.warn("development tokens (HS256, AUTH_DEV_SECRET) are accepted; never in staging or production");
    }
    if (oidc.isEmpty() && development.isEmpty()) {
      LOG.info("no token verification configured (AUTH_ISSUER_URL, AUTH_JWKS_URL, AUTH_DEV_SECRET): every token is rejected");
    }
    return new CompositeTokenVerifier(new TokenParser(tuning.maxTokenChars()), oidc, development,
        new ReplayGuard(settings.replayWindow(), settings.clockSkew(), clock, tuning.maxSingleUseTokens()));
  }
}
