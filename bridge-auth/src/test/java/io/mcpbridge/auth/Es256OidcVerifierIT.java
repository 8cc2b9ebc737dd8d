package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import io.mcpbridge.testkit.JwtTokenVerifierContract;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract against an issuer that signs with ES256 (P-256 keys), found by discovery. */
class Es256OidcVerifierIT extends JwtTokenVerifierContract {
  private static final String ISSUER_ID = "chem";
  private static final String AUDIENCE = "mcp-bridge";
  private static MockOAuth2Server server;
  private static KeyProvider keys;
  private static String issuer;

  private final MutableClock clock = MutableClock.atSystemTime();
  private final TokenVerifier verifier = TokenVerifiers.fromSettings(
      Settings.none().issuer(issuer).audience(AUDIENCE).build(), Environment.TEST, clock);

  @BeforeAll
  static void startIssuer() throws Exception {
    keys = new KeyProvider(List.of(), JWSAlgorithm.ES256.getName());
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    issuer = "http://127.0.0.1:" + server.baseUrl().port() + "/" + ISSUER_ID;
  }

  @AfterAll
  static void stopIssuer() {
    server.shutdown();
  }

  private static ECKey issuerKey() {
    return (ECKey) keys.signingKey(ISSUER_ID);
  }

  @Override
  protected TokenVerifier verifier() {
    return verifier;
  }

  @Override
  protected String tokenFor(String subject, Set<Role> roles) {
    return TestTokens.sign(issuerKey(), JWSAlgorithm.ES256, TestTokens.claims(issuer, AUDIENCE, subject, clock.instant(),
        Duration.ofMinutes(15)).claim("roles", roles.stream().map(Role::wireName).toList()).build());
  }

  @Override
  protected String expiredToken(String subject) {
    return TestTokens.sign(issuerKey(), JWSAlgorithm.ES256, TestTokens.claims(issuer, AUDIENCE, subject,
        clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1)).build());
  }

  @Test
  void givenEs256TokenIssuedByTheServerWithCustomClaims_verify_acceptsIt() {
    String localhostIssuer = server.issuerUrl(ISSUER_ID).toString();
    TokenVerifier v = TokenVerifiers.fromSettings(Settings.none().issuer(localhostIssuer).audience(AUDIENCE)
        .jwks(issuer + "/jwks").build(), Environment.TEST, clock);
    SignedJWT token = server.issueToken(ISSUER_ID, "notebook", new DefaultOAuth2TokenCallback(ISSUER_ID, "bea", "JWT",
        List.of(AUDIENCE), Map.of("scp", "mcp:admin", "department", "dmpk"), 600));

    Principal p = v.verify(token.serialize());

    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(p.subject()).isEqualTo("bea");
    assertThat(p.roles()).containsExactly(Role.ADMIN);
  }

  @Test
  void givenEs256NotAllowed_verify_rejectsEvenAValidSignature() {
    TokenVerifier rsaOnly = TokenVerifiers.fromSettings(Settings.none().issuer(issuer).audience(AUDIENCE)
        .algorithms("RS256").build(), Environment.TEST, clock);

    assertThatThrownBy(() -> rsaOnly.verify(tokenFor("x", Set.of(Role.VIEWER))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("algorithm");
  }

  @Test
  void givenWithinSkew_verify_acceptsAndBeyondRejects() {
    Instant now = clock.instant();
    String almost = TestTokens.sign(issuerKey(), JWSAlgorithm.ES256,
        TestTokens.claims(issuer, AUDIENCE, "edge", now.minusSeconds(600), Duration.ofSeconds(600 - 30)).build());
    String beyond = TestTokens.sign(issuerKey(), JWSAlgorithm.ES256,
        TestTokens.claims(issuer, AUDIENCE, "edge", now.minusSeconds(600), Duration.ofSeconds(600 - 90)).build());

    assertThat(verifier.verify(almost).subject()).isEqualTo("edge");
    assertThatThrownBy(() -> verifier.verify(beyond)).isInstanceOf(AuthenticationException.class).hasMessage("token expired");
  }
}
