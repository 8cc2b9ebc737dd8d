package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import io.mcpbridge.testkit.JwtTokenVerifierContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Development tokens: the contract, the minter round trip, and where they may exist at all. */
class DevelopmentTokenVerifierTest extends JwtTokenVerifierContract {
  private final MutableClock clock = MutableClock.atSystemTime();
  private final TokenVerifier verifier = TokenVerifiers.fromSettings(Settings.development().build(), Environment.DEVELOPMENT, clock);
  private final DevelopmentTokenMinter minter =
      DevelopmentTokenMinter.fromSettings(Settings.development().build(), Environment.DEVELOPMENT, clock);

  @Override
  protected TokenVerifier verifier() {
    return verifier;
  }

  @Override
  protected String tokenFor(String subject, Set<Role> roles) {
    return minter.mint(subject, roles, Duration.ofMinutes(15));
  }

  @Override
  protected String expiredToken(String subject) {
    String token = minter.mint(subject, Set.of(Role.VIEWER), Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(7));
    return token;
  }

  @Test
  void givenMintedToken_verify_roundTripsEveryClaim() throws Exception {
    String token = minter.mint("dana", EnumSet.of(Role.VIEWER, Role.OPERATOR), Duration.ofMinutes(15));

    Principal p = verifier.verify(token);

    assertThat(p.subject()).isEqualTo("dana");
    assertThat(p.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
    assertThat(p.method()).isEqualTo(Principal.AuthMethod.DEVELOPMENT_TOKEN);
    assertThat(p.issuer()).contains("mcp-bridge-dev");
    assertThat(p.serviceAccount()).isFalse();
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("mcp-bridge");
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(p.tokenId()).contains(jwt.getJWTClaimsSet().getJWTID());
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
  }

  @Test
  void givenConfiguredAudience_mint_usesItAndVerifierRequiresIt() {
    DevelopmentTokenMinter labMinter = DevelopmentTokenMinter.fromSettings(
        Settings.development().audience("lab-bridge").build(), Environment.TEST, clock);
    String token = labMinter.mint("erin", Set.of(Role.ADMIN), Duration.ofMinutes(5));

    assertThat(TokenVerifiers.fromSettings(Settings.development().audience("lab-bridge").build(), Environment.TEST, clock)
        .verify(token).subject()).isEqualTo("erin");
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("audience");
  }

  @Test
  void givenTokenOfAnotherSecret_verify_rejectsSignature() {
    DevelopmentTokenMinter other = DevelopmentTokenMinter.fromSettings(
        Settings.none().devSecret("another-secret-that-is-long-enough-too").build(), Environment.LOCAL, clock);

    assertThatThrownBy(() -> verifier.verify(other.mint("mallory", Set.of(Role.ADMIN), Duration.ofMinutes(5))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("signature");
  }

  @Test
  void givenExpiredWithinSkew_verify_accepts() {
    String token = minter.mint("late", Set.of(Role.VIEWER), Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1).plusSeconds(59));

    assertThat(verifier.verify(token).subject()).isEqualTo("late");
  }

  @Test
  void givenExpiredBeyondSkew_verify_rejectsAsExpired() {
    String token = minter.mint("late", Set.of(Role.VIEWER), Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));

    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessage("token expired");
  }

  @Test
  void givenSingleUseToken_verifyTwice_rejectsTheSecondUse() {
    String token = minter.mintSingleUse("once", Set.of(Role.OPERATOR), Duration.ofMinutes(5));

    assertThat(verifier.verify(token).subject()).isEqualTo("once");
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("already used");
    clock.advance(Duration.ofMinutes(4));
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void givenTwoSingleUseTokens_verify_acceptsEachOnce() {
    String first = minter.mintSingleUse("a", Set.of(Role.VIEWER), Duration.ofMinutes(5));
    String second = minter.mintSingleUse("a", Set.of(Role.VIEWER), Duration.ofMinutes(5));

    assertThat(verifier.verify(first).subject()).isEqualTo("a");
    assertThat(verifier.verify(second).subject()).isEqualTo("a");
  }

  @Test
  void givenSingleUseTokenWithoutJti_verify_rejects() {
    byte[] secret = Settings.DEV_SECRET.getBytes(StandardCharsets.UTF_8);
    String token = TestTokens.signHmac(secret, new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
        TestTokens.claims("mcp-bridge-dev", "mcp-bridge", "x", clock.instant(), Duration.ofMinutes(5))
            .jwtID(null).claim("single_use", true).build());

    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("jti");
  }

  @Test
  void givenWrongIssuer_verify_rejects() {
    byte[] secret = Settings.DEV_SECRET.getBytes(StandardCharsets.UTF_8);
    String token = TestTokens.signHmac(secret, new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
        TestTokens.claims("someone-else", "mcp-bridge", "x", clock.instant(), Duration.ofMinutes(5)).build());

    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("issuer");
  }

  @Test
  void givenHs512WithTheRightSecret_verify_rejectsAlgorithm() {
    byte[] secret = (Settings.DEV_SECRET + Settings.DEV_SECRET).getBytes(StandardCharsets.UTF_8);
    String token = TestTokens.signHmac(secret, new JWSHeader.Builder(JWSAlgorithm.HS512).build(),
        TestTokens.claims("mcp-bridge-dev", "mcp-bridge", "x", clock.instant(), Duration.ofMinutes(5)).build());

    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("HS256");
  }

  @Test
  void givenNoDevelopmentSecret_verify_rejectsEveryHs256Token() {
    TokenVerifier oidcOnly = TokenVerifiers.fromSettings(Settings.none().build(), Environment.DEVELOPMENT, clock);

    assertThatThrownBy(() -> oidcOnly.verify(tokenFor("x", Set.of(Role.ADMIN))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("development tokens");
  }

  @ParameterizedTest
  @EnumSource(value = Environment.class, names = {"STAGING", "PRODUCTION"})
  void givenProtectedEnvironment_build_refusesDevelopmentTokens(Environment env) {
    assertThatThrownBy(() -> TokenVerifiers.fromSettings(Settings.development().build(), env, clock))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(env.wireName())
        .hasMessageNotContaining(Settings.DEV_SECRET);
    assertThatThrownBy(() -> DevelopmentTokenMinter.fromSettings(Settings.development().build(), env, clock))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(env.wireName());
  }

  @ParameterizedTest
  @EnumSource(value = Environment.class, names = {"DEVELOPMENT", "LOCAL", "TEST"})
  void givenDevelopmentLikeEnvironment_build_acceptsDevelopmentTokens(Environment env) {
    String token = DevelopmentTokenMinter.fromSettings(Settings.development().build(), env, clock)
        .mint("z", Set.of(Role.VIEWER), Duration.ofMinutes(1));

    assertThat(TokenVerifiers.fromSettings(Settings.development().build(), env, clock).verify(token).subject()).isEqualTo("z");
  }

  @Test
  void givenShortSecret_build_refusesWithoutShowingIt() {
    assertThatThrownBy(() -> TokenVerifiers.fromSettings(Settings.none().devSecret("short-secret").build(),
        Environment.DEVELOPMENT, clock))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("32").hasMessageNotContaining("short-secret");
  }

  @Test
  void givenNoSecret_minter_refusesClearly() {
    assertThatThrownBy(() -> DevelopmentTokenMinter.fromSettings(Settings.none().build(), Environment.DEVELOPMENT, clock))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("AUTH_DEV_SECRET is not set");
  }

  @Test
  void givenBadLifetimeOrSubject_mint_refuses() {
    assertThatThrownBy(() -> minter.mint("x", Set.of(), Duration.ZERO)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> minter.mint("x", Set.of(), Duration.ofDays(8))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> minter.mint(" ", Set.of(), Duration.ofMinutes(1))).isInstanceOf(InvalidInputException.class);
  }
}
