package io.mcpbridge.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The web console at {@code /console}.
 *
 * @param enabled whether the server serves the console
 * @param clientId the OIDC client the console signs people in with (authorization code + PKCE)
 * @param clientSecret that client's secret, for a confidential client; empty for a public one
 * @param sessionTtl longest life of a console session (it also ends when its access token expires)
 * @param maxSessions sessions held at once (in memory); the oldest is dropped beyond it
 * @param secureCookies mark cookies {@code Secure} even on plain-HTTP requests (behind a TLS proxy)
 * @param publicUrl the console's external base URL (scheme, host, port), for the sign-in redirect
 *     URI; empty = taken from each request
 */
public record ConsoleSettings(
    boolean enabled,
    Optional<String> clientId,
    Optional<Secret> clientSecret,
    Duration sessionTtl,
    int maxSessions,
    boolean secureCookies,
    Optional<URI> publicUrl) {
  public ConsoleSettings {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** The console switched off (the default). */
  public static ConsoleSettings disabled() {
    return new ConsoleSettings(false, Optional.empty(), Optional.empty(), Duration.ofHours(1), 1000, false, Optional.empty());
  }
}
