package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fake passes the same contract as the real verifiers. */
class StaticTokenVerifierTest extends TokenVerifierContract {
  private final StaticTokenVerifier.Builder builder = StaticTokenVerifier.builder()
      .reject("expired-carol", "token expired")
      .unavailable("idp-down")
      .acceptServiceAccount("svc-token", "svc-ingest", Role.OPERATOR);
  private final AtomicInteger serial = new AtomicInteger();
  private StaticTokenVerifier verifier;

  /** Tokens are registered as the contract asks for them; the fake is rebuilt on the next call. */
  @Override
  protected TokenVerifier verifier() {
    return token -> current().verify(token);
  }

  private synchronized StaticTokenVerifier current() {
    if (verifier == null) {
      verifier = builder.build();
    }
    return verifier;
  }

  @Override
  protected synchronized String tokenFor(String subject, Set<Role> roles) {
    String token = "static-" + subject + "-" + serial.incrementAndGet();
    builder.accept(token, subject, roles.toArray(Role[]::new));
    verifier = null;
    return token;
  }

  @Override
  protected String expiredToken(String subject) {
    return "expired-carol";
  }

  @Test
  void givenUnavailableToken_verify_throwsBackendUnavailable() {
    assertThatThrownBy(() -> verifier().verify("idp-down")).isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void givenServiceAccountToken_verify_marksServiceAccount() {
    assertThat(verifier().verify("svc-token").serviceAccount()).isTrue();
    assertThat(verifier().verify("svc-token").roles()).containsExactly(Role.OPERATOR);
  }

  @Test
  void givenUnknownToken_verify_rejectsAndCountsCalls() {
    StaticTokenVerifier v = StaticTokenVerifier.builder().build();

    assertThatThrownBy(() -> v.verify("who-knows")).isInstanceOf(AuthenticationException.class);
    assertThat(v.calls()).isEqualTo(1);
  }
}
