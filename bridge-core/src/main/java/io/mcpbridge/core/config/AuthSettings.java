package io.mcpbridge.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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
    Optional<Secret> devSecret) {}
