package io.mcpbridge.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param subject stable id of the caller ({@code sub} claim, OS user for stdio, {@code anonymous})
 * @param roles granted roles (the highest one decides)
 * @param tokenId the token's {@code jti}, if any
 * @param issuer the token's issuer, if any
 * @param serviceAccount true for client-credentials (machine) tokens
 * @param method how the caller was authenticated
 */
public record Principal(
    String subject,
    Set<Role> roles,
    Optional<String> tokenId,
    Optional<String> issuer,
    boolean serviceAccount,
    AuthMethod method) {

  /** How a principal was established. */
  public enum AuthMethod {
    OIDC,
    DEVELOPMENT_TOKEN,
    ANONYMOUS,
    LOCAL_USER
  }

  public Principal {
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    roles = Set.copyOf(roles);
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(method, "method");
  }

  /** The anonymous caller of development setups: viewer, never more. */
  public static Principal anonymous() {
    return new Principal("anonymous", Set.of(Role.VIEWER), Optional.empty(), Optional.empty(), false, AuthMethod.ANONYMOUS);
  }

  /** A local OS user (stdio MCP, in-process CLI) acting with one role. */
  public static Principal localUser(String user, Role role) {
    return new Principal(user, Set.of(role), Optional.empty(), Optional.empty(), false, AuthMethod.LOCAL_USER);
  }

  /** True if any granted role includes {@code required}. */
  public boolean has(Role required) {
    return roles.stream().anyMatch(r -> r.includes(required));
  }
}
