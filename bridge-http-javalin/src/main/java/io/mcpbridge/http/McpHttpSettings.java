package io.mcpbridge.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the MCP endpoint is exposed over HTTP.
 *
 * @param allowedOrigins browser origins allowed to call {@code /mcp} (MCP_ALLOWED_ORIGINS), e.g.
 *     {@code https://agent.example.org}; when empty only loopback origins are accepted
 * @param authorizationServer the OAuth issuer named in the protected-resource metadata (AUTH_ISSUER_URL)
 * @param publicBaseUrl the externally visible base URL, if behind a proxy; otherwise derived from the request
 * @param sessionIdleTimeout how long an idle {@code Mcp-Session-Id} stays valid
 * @param maxSessions most sessions held at once
 */
public record McpHttpSettings(List<String> allowedOrigins, Optional<URI> authorizationServer,
    Optional<String> publicBaseUrl, Duration sessionIdleTimeout, int maxSessions) {
  public McpHttpSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    Objects.requireNonNull(authorizationServer, "authorizationServer");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
  }

  /** Loopback-only origins, no issuer, 30 minutes idle sessions. */
  public static McpHttpSettings defaults() {
    return new McpHttpSettings(List.of(), Optional.empty(), Optional.empty(), Duration.ofMinutes(30), 1000);
  }
}
