package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.error.AuthenticationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The claim checks on their own, for what the verifier tests do not reach: Keycloak's token kinds. */
class ClaimChecksTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final String ISSUER = "https://keycloak.example.org/realms/lab";
  private final ClaimChecks checks = new ClaimChecks(Optional.of(ISSUER), Optional.of("mcp-bridge"),
      Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

  /** The claims Keycloak puts in its tokens for a client whose id is also the bridge's audience. */
  private static JWTClaimsSet.Builder keycloakToken() {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience("mcp-bridge").subject("20c35eda-9035")
        .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).claim("azp", "mcp-bridge");
  }

  @Test
  void givenKeycloakAccessToken_check_accepts() {
    assertThatCode(() -> checks.check(keycloakToken().claim("typ", "Bearer").build())).doesNotThrowAnyException();
  }

  @Test
  void givenTokenWithoutTypClaim_check_accepts() {
    assertThatCode(() -> checks.check(keycloakToken().build())).doesNotThrowAnyException();
  }

  @Test
  void givenKeycloakIdRefreshOrLogoutToken_check_rejects() {
    for (String kind : new String[] {"ID", "Refresh", "Logout", "Offline"}) {
      JWTClaimsSet notAnAccessToken = keycloakToken().claim("typ", kind).build();

      assertThatThrownBy(() -> checks.check(notAnAccessToken)).as(kind)
          .isInstanceOf(AuthenticationException.class).hasMessageContaining("not an access token");
    }
  }

  @Test
  void givenNonTextTypClaim_check_rejects() {
    assertThatThrownBy(() -> checks.check(keycloakToken().claim("typ", 1).build()))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("not an access token");
  }
}
