package io.mcpbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenVerifier} must do. An implementation's test extends this class and says
 * how to get a verifier and tokens for it; the checks that only make sense for JWTs are skipped
 * for verifiers whose tokens are not JWTs.
 */
public abstract class TokenVerifierContract {

  /**
   * The verifier under test. The contract may call it before asking for the tokens it then
   * verifies (as in {@code verifier().verify(tokenFor(...))}).
   */
  protected abstract TokenVerifier verifier();

  /**
   * A token the verifier accepts, for {@code subject} with exactly these roles (possibly none),
   * valid for a while.
   */
  protected abstract String tokenFor(String subject, Set<Role> roles);

  /** A token that was once like {@link #tokenFor} but expired longer ago than any clock skew. */
  protected abstract String expiredToken(String subject);

  @Test
  void givenValidToken_verify_returnsSubjectAndRoles() {
    Principal p = verifier().verify(tokenFor("alice", EnumSet.of(Role.OPERATOR)));

    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.roles()).containsExactly(Role.OPERATOR);
  }

  @Test
  void givenAdminToken_verify_grantsOperatorAndViewerToo() {
    Principal p = verifier().verify(tokenFor("root", EnumSet.of(Role.ADMIN)));

    assertThat(p.has(Role.ADMIN)).isTrue();
    assertThat(p.has(Role.OPERATOR)).isTrue();
    assertThat(p.has(Role.VIEWER)).isTrue();
  }

  @Test
  void givenViewerToken_verify_grantsNothingMore() {
    Principal p = verifier().verify(tokenFor("vera", EnumSet.of(Role.VIEWER)));

    assertThat(p.has(Role.VIEWER)).isTrue();
    assertThat(p.has(Role.OPERATOR)).isFalse();
    assertThat(p.has(Role.ADMIN)).isFalse();
  }

  @Test
  void givenTokenWithoutRoles_verify_returnsPrincipalWithoutRoles() {
    Principal p = verifier().verify(tokenFor("nobody", EnumSet.noneOf(Role.class)));

    assertThat(p.subject()).isEqualTo("nobody");
    assertThat(p.roles()).isEmpty();
  }

  @Test
  void givenOrdinaryToken_verifyManyTimes_acceptsEveryTime() {
    String token = tokenFor("bob", EnumSet.of(Role.VIEWER));

    for (int i = 0; i < 5; i++) {
      assertThat(verifier().verify(token).subject()).isEqualTo("bob");
    }
  }

  @Test
  void givenExpiredToken_verify_throwsAuthenticationException() {
    String token = expiredToken("carol");

    assertRejectedWithoutEcho(token);
  }

  @Test
  void givenMissingToken_verify_throwsAuthenticationException() {
    assertThatThrownBy(() -> verifier().verify(null)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> verifier().verify("")).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> verifier().verify("   ")).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void givenGarbage_verify_throwsWithoutEchoingIt() {
    assertRejectedWithoutEcho("not-a-token-at-all-but-long-enough-to-be-noticed");
    assertRejectedWithoutEcho("eyJhbGciOiJSUzI1NiJ9.!!!.???");
  }

  @Test
  void givenTamperedToken_verify_throwsWithoutEchoingIt() {
    String token = tokenFor("dave", EnumSet.of(Role.VIEWER));
    int middle = token.length() / 2;
    char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, middle) + replacement + token.substring(middle + 1);

    assertRejectedWithoutEcho(tampered);
  }

  @Test
  void givenOversizedToken_verify_throwsAuthenticationException() {
    String token = tokenFor("erin", EnumSet.of(Role.VIEWER));
    String oversized = token + "A".repeat(64 * 1024);

    assertThatThrownBy(() -> verifier().verify(oversized)).isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token).hasSizeLessThan(300));
  }



  @Test
  void givenConcurrentCallers_verify_givesEachTheSameAnswer() throws Exception {
    String token = tokenFor("grace", EnumSet.of(Role.OPERATOR));
    TokenVerifier verifier = verifier();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Principal>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> verifier.verify(token)));
      }
      for (Future<Principal> f : results) {
        Principal p = f.get(30, TimeUnit.SECONDS);
        assertThat(p.subject()).isEqualTo("grace");
        assertThat(p.roles()).containsExactly(Role.OPERATOR);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asserts an {@link AuthenticationException} whose message shows no part of the token. */
  protected final void assertRejectedWithoutEcho(String token) {
    assertThatThrownBy(() -> verifier().verify(token))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> {
          String message = String.valueOf(e.getMessage());
          assertThat(message).doesNotContain(token);
          for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
              assertThat(message).doesNotContain(part);
            }
          }
        });
  }
}
