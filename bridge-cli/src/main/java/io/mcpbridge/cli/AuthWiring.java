package io.mcpbridge.cli;

import io.mcpbridge.auth.TokenVerifiers;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.port.TokenVerifier;
import java.time.Clock;
import java.util.Optional;

/**
 * Token verification, for the network edge only ({@code serve}): local commands act as the local
 * OS user and a worker takes no requests, so neither builds a verifier (nor fetches a JWKS).
 */
final class AuthWiring {
  private AuthWiring() {}

  /** The verifier of the configured token sources; empty when none is configured. */
  static Optional<TokenVerifier> tokenVerifier(AppConfig config, Clock clock) {
    AuthSettings auth = config.auth();
    boolean anySource = auth.devSecret().isPresent() || auth.issuerUrl().isPresent() || auth.jwksUrl().isPresent();
    return anySource ? Optional.of(TokenVerifiers.fromSettings(auth, config.server().environment(), clock))
        : Optional.empty();
  }
}
