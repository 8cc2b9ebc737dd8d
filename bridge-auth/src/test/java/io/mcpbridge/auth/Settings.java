package io.mcpbridge.auth;

import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.config.Secret;
import io.mcpbridge.core.model.Role;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A builder of {@link AuthSettings} with the documented defaults, for tests. */
final class Settings {
  static final String DEV_SECRET = "0123456789abcdef0123456789abcdef-dev";

  private Optional<URI> issuer = Optional.empty();
  private Optional<String> audience = Optional.empty();
  private Optional<URI> jwks = Optional.empty();
  private Duration jwksCache = Duration.ofSeconds(900);
  private Duration skew = Duration.ofSeconds(60);
  private Duration replayWindow = Duration.ofSeconds(300);
  private Optional<Secret> devSecret = Optional.empty();
  private Set<String> algorithms = AuthSettings.DEFAULT_ALGORITHMS;
  private Optional<String> rolesClaim = Optional.empty();
  private final Map<String, Role> mapping = new LinkedHashMap<>();

  static Settings none() {
    return new Settings();
  }

  static Settings development() {
    return new Settings().devSecret(DEV_SECRET);
  }

  Settings issuer(String url) {
    issuer = Optional.of(URI.create(url));
    return this;
  }

  Settings audience(String aud) {
    audience = Optional.of(aud);
    return this;
  }

  Settings jwks(String url) {
    jwks = Optional.of(URI.create(url));
    return this;
  }

  Settings jwksCache(Duration d) {
    jwksCache = d;
    return this;
  }

  Settings skew(Duration d) {
    skew = d;
    return this;
  }

  Settings replayWindow(Duration d) {
    replayWindow = d;
    return this;
  }

  Settings devSecret(String secret) {
    devSecret = Optional.of(Secret.of(secret));
    return this;
  }

  Settings algorithms(String... names) {
    algorithms = Set.of(names);
    return this;
  }

  Settings rolesClaim(String claim) {
    rolesClaim = Optional.of(claim);
    return this;
  }

  Settings map(String name, Role role) {
    mapping.put(name, role);
    return this;
  }

  AuthSettings build() {
    return new AuthSettings(issuer, audience, jwks, jwksCache, skew, 120, replayWindow, false, devSecret,
        algorithms, rolesClaim, mapping);
  }
}
