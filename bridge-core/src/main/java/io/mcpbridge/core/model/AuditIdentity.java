package io.mcpbridge.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acted, as recorded in the audit trail.
 *
 * @param subject caller id
 * @param roles granted roles, lowercase, sorted
 * @param tokenId token id, if any
 * @param issuer token issuer, if any
 * @param serviceAccount true for machine callers
 * @param method how the caller was authenticated
 */
public record AuditIdentity(
    String subject, List<String> roles, Optional<String> tokenId, Optional<String> issuer,
    boolean serviceAccount, String method) {
  public AuditIdentity {
    Objects.requireNonNull(subject, "subject");
    roles = List.copyOf(roles);
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(method, "method");
  }

  /** The identity of a principal. */
  public static AuditIdentity of(Principal p) {
    return new AuditIdentity(p.subject(), p.roles().stream().map(Role::wireName).sorted().toList(),
        p.tokenId(), p.issuer(), p.serviceAccount(), p.method().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The identity of the bridge itself (start-up, retention, recovery). */
  public static AuditIdentity system() {
    return new AuditIdentity("system", List.of(), Optional.empty(), Optional.empty(), true, "system");
  }
}
