package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link TokenVerifiers#fromSettings} builds, and what it refuses to build. No network. */
class TokenVerifiersTest {
  private final MutableClock clock = MutableClock.atSystemTime();

  @Test
  void givenOidcWithoutAudience_build_refuses() {
    assertThatThrownBy(() -> TokenVerifiers.fromSettings(Settings.none().issuer("https://idp.example.org/realms/lab").build(),
        Environment.DEVELOPMENT, clock)).isInstanceOf(InvalidInputException.class).hasMessageContaining("AUTH_AUDIENCE");
  }

  @Test
  void givenJwksWithoutIssuerInProduction_build_refuses() {
    assertThatThrownBy(() -> TokenVerifiers.fromSettings(Settings.none().jwks("https://idp.example.org/certs")
        .audience("mcp-bridge").build(), Environment.PRODUCTION, clock))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("AUTH_ISSUER_URL");
  }

  @Test
  void givenOidcInProduction_build_succeedsWithoutContactingTheIssuer() {
    TokenVerifier verifier = TokenVerifiers.fromSettings(Settings.none().issuer("https://idp.invalid/realms/lab")
        .audience("mcp-bridge").build(), Environment.PRODUCTION, clock);

    assertThat(verifier).isNotNull();
  }

  @Test
  void givenNothingConfigured_verify_rejectsEveryToken() {
    TokenVerifier verifier = TokenVerifiers.fromSettings(Settings.none().build(), Environment.DEVELOPMENT, clock);
    String devToken = DevelopmentTokenMinter.fromSettings(Settings.development().build(), Environment.DEVELOPMENT, clock)
        .mint("alice", Set.of(Role.ADMIN), Duration.ofMinutes(5));

    assertThatThrownBy(() -> verifier.verify(devToken)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> verifier.verify("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no OIDC issuer");
  }
}
