package io.mcpbridge.http;

import io.mcpbridge.core.config.ConsoleSettings;
import io.mcpbridge.core.port.TokenVerifier;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the web console needs besides the ports of {@link HttpServices}.
 *
 * @param settings session, cookie and client settings
 * @param verifier checks the access tokens people sign in with (OIDC and development tokens)
 * @param issuer the OIDC issuer to sign in at, if any
 * @param developmentTokens whether a pasted development token may sign in (development only)
 */
public record ConsoleSetup(ConsoleSettings settings, TokenVerifier verifier, Optional<URI> issuer,
    boolean developmentTokens) {
  public ConsoleSetup {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(issuer, "issuer");
    if (issuer.isPresent() && settings.clientId().isEmpty()) {
      throw new IllegalArgumentException("signing in at an issuer needs the console's client id");
    }
  }
}
