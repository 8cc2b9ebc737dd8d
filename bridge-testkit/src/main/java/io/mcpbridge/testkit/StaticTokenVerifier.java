package io.mcpbridge.testkit;

import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link TokenVerifier} fake for tests of code that needs callers: fixed token strings map to
 * principals, to a rejection, or to an unavailable identity provider. Every other token is
 * rejected. Thread-safe once built.
 *
 * <pre>{@code
 * TokenVerifier verifier = StaticTokenVerifier.builder()
 *     .accept("alice-token", "alice", Role.OPERATOR)
 *     .reject("expired-token", "token expired")
 *     .unavailable("idp-down-token")
 *     .build();
 * }</pre>
 */
public final class StaticTokenVerifier implements TokenVerifier {
  /** The issuer of the principals made by {@link Builder#accept(String, String, Role...)}. */
  public static final String ISSUER = "static-test-issuer";

  private final Map<String, Supplier<Principal>> outcomes;
  private final AtomicInteger calls = new AtomicInteger();

  private StaticTokenVerifier(Map<String, Supplier<Principal>> outcomes) {
    this.outcomes = Map.copyOf(outcomes);
  }

  /** A builder with no token known. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Principal verify(String bearerToken) {
    calls.incrementAndGet();
    if (bearerToken == null || bearerToken.isBlank()) {
      throw new AuthenticationException("missing bearer token");
    }
    Supplier<Principal> outcome = outcomes.get(bearerToken);
    if (outcome == null) {
      throw new AuthenticationException("token is not recognised");
    }
    return outcome.get();
  }

  /** How many times {@link #verify} was called. */
  public int calls() {
    return calls.get();
  }

  /** Collects the known tokens. */
  public static final class Builder {
    private final Map<String, Supplier<Principal>> outcomes = new HashMap<>();

    private Builder() {}

    /** {@code token} verifies as {@code principal}. */
    public Builder accept(String token, Principal principal) {
      Objects.requireNonNull(principal, "principal");
      outcomes.put(requireToken(token), () -> principal);
      return this;
    }

    /** {@code token} verifies as a human OIDC caller with these roles (possibly none). */
    public Builder accept(String token, String subject, Role... roles) {
      EnumSet<Role> granted = EnumSet.noneOf(Role.class);
      granted.addAll(List.of(roles));
      return accept(token, new Principal(subject, granted, Optional.of("jti-" + subject), Optional.of(ISSUER), false,
          Principal.AuthMethod.OIDC));
    }

    /** {@code token} verifies as a service account (client credentials) with these roles. */
    public Builder acceptServiceAccount(String token, String clientId, Role... roles) {
      EnumSet<Role> granted = EnumSet.noneOf(Role.class);
      granted.addAll(List.of(roles));
      return accept(token, new Principal(clientId, granted, Optional.empty(), Optional.of(ISSUER), true,
          Principal.AuthMethod.OIDC));
    }

    /** {@code token} is rejected with this message (e.g. "token expired"). */
    public Builder reject(String token, String message) {
      Objects.requireNonNull(message, "message");
      outcomes.put(requireToken(token), () -> {
        throw new AuthenticationException(message);
      });
      return this;
    }

    /** Verifying {@code token} fails as if the identity provider were down (503). */
    public Builder unavailable(String token) {
      outcomes.put(requireToken(token), () -> {
        throw new BackendUnavailableException("the identity provider's signing keys cannot be fetched; retry later");
      });
      return this;
    }

    public StaticTokenVerifier build() {
      return new StaticTokenVerifier(outcomes);
    }

    private static String requireToken(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      return token;
    }
  }
}
