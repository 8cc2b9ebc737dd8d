package io.mcpbridge.core.config;

import io.mcpbridge.core.model.Role;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of token verification.
 *
 * @param issuerUrl OIDC issuer
 * @param audience expected audience
 * @param jwksUrl explicit JWKS endpoint (else discovered from the issuer)
 * @param jwksCache how long keys are cached
 * @param clockSkew leeway for time claims
 * @param rateLimitPerMinute requests per principal and minute, 0 = off
 * @param replayWindow memory of single-use token ids
 * @param allowAnonymous unauthenticated callers act as viewer
 * @param devSecret HS256 development secret
 * @param allowedAlgorithms JWS algorithms accepted from the OIDC issuer (asymmetric only), in
 *     canonical spelling, e.g. {@code RS256}, {@code EdDSA}
 * @param rolesClaim claim holding role names instead of {@code roles}; a dotted path such as
 *     {@code realm_access.roles} is followed when no claim has the whole name
 * @param roleMapping identity-provider role or scope name to bridge role; when non-empty it is
 *     the complete mapping (the plain names viewer/operator/admin count only if listed)
 */
public record AuthSettings(
    Optional<URI> issuerUrl,
    Optional<String> audience,
    Optional<URI> jwksUrl,
    Duration jwksCache,
    Duration clockSkew,
    int rateLimitPerMinute,
    Duration replayWindow,
    boolean allowAnonymous,
    Optional<Secret> devSecret,
    Set<String> allowedAlgorithms,
    Optional<String> rolesClaim,
    Map<String, Role> roleMapping) {

  /** The algorithms accepted from an OIDC issuer unless configured otherwise. */
  public static final Set<String> DEFAULT_ALGORITHMS =
      Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of("RS256", "PS256", "ES256", "EdDSA")));

  public AuthSettings {
    Objects.requireNonNull(issuerUrl, "issuerUrl");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(jwksCache, "jwksCache");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(replayWindow, "replayWindow");
    Objects.requireNonNull(devSecret, "devSecret");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    allowedAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(allowedAlgorithms));
    roleMapping = Collections.unmodifiableMap(new LinkedHashMap<>(roleMapping));
  }

  /** Whether an OIDC issuer or JWKS endpoint is configured. */
  public boolean oidcConfigured() {
    return issuerUrl.isPresent() || jwksUrl.isPresent();
  }
}
