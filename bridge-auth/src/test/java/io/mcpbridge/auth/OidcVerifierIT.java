package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import io.mcpbridge.testkit.JwtTokenVerifierContract;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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

/**
 * OIDC verification against a real issuer (mock-oauth2-server, RS256) started in-process on
 * 127.0.0.1: discovery, explicit JWKS URL, tokens the issuer makes itself (token endpoint and
 * in-process), every role source, service accounts, replay, and the negative suite. One server for
 * the whole class (its key pool is handed out per issuer id, in first-use order).
 */
class OidcVerifierIT extends JwtTokenVerifierContract {
  private static final String ISSUER_ID = "lab";
  private static final String AUDIENCE = "mcp-bridge";
  private static MockOAuth2Server server;
  private static KeyProvider keys;
  private static String issuer;
  private static int port;

  private final MutableClock clock = MutableClock.atSystemTime();
  private final TokenVerifier verifier = verifierFor(Settings.none().issuer(issuer).audience(AUDIENCE));

  @BeforeAll
  static void startIssuer() throws Exception {
    keys = new KeyProvider();
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    port = server.baseUrl().port();
    // The issuer follows the Host the client used: always reach the server as 127.0.0.1.
    issuer = "http://127.0.0.1:" + port + "/" + ISSUER_ID;
  }

  @AfterAll
  static void stopIssuer() {
    server.shutdown();
  }

  private TokenVerifier verifierFor(Settings settings) {
    return TokenVerifiers.fromSettings(settings.build(), Environment.DEVELOPMENT, clock);
  }

  private static RSAKey issuerKey() {
    return (RSAKey) keys.signingKey(ISSUER_ID);
  }

  private JWTClaimsSet.Builder claims(String subject) {
    return TestTokens.claims(issuer, AUDIENCE, subject, clock.instant(), Duration.ofMinutes(15));
  }

  private static String signed(JWTClaimsSet.Builder claims) {
    return TestTokens.sign(issuerKey(), JWSAlgorithm.RS256, claims.build());
  }

  @Override
  protected TokenVerifier verifier() {
    return verifier;
  }

  @Override
  protected String tokenFor(String subject, Set<Role> roles) {
    return signed(claims(subject).claim("roles", roles.stream().map(Role::wireName).toList()));
  }

  @Override
  protected String expiredToken(String subject) {
    Instant then = clock.instant().minus(Duration.ofHours(1));
    return signed(TestTokens.claims(issuer, AUDIENCE, subject, then, Duration.ofMinutes(50)));
  }

  // ---- discovery, JWKS URL, tokens the issuer makes itself ----

  @Test
  void givenIssuerOnly_verify_discoversTheKeySetThroughWellKnown() {
    CompositeTokenVerifier composite = TokenVerifiers.build(Settings.none().issuer(issuer).audience(AUDIENCE).build(),
        Environment.DEVELOPMENT, clock, TokenVerifiers.Tuning.DEFAULTS);

    Principal p = composite.verify(tokenFor("alice", Set.of(Role.VIEWER)));

    assertThat(p.issuer()).contains(issuer);
    assertThat(p.method()).isEqualTo(Principal.AuthMethod.OIDC);
    assertThat(composite.oidc().orElseThrow().keys().fetchCount()).isEqualTo(1);
    composite.verify(tokenFor("bob", Set.of(Role.VIEWER)));
    assertThat(composite.oidc().orElseThrow().keys().fetchCount()).as("keys are cached").isEqualTo(1);
  }

  @Test
  void givenExplicitJwksUrl_verify_usesItWithoutDiscovery() {
    String unreachableIssuer = "http://127.0.0.1:1/no-discovery-here";
    TokenVerifier explicit = verifierFor(Settings.none().issuer(unreachableIssuer).audience(AUDIENCE)
        .jwks("http://127.0.0.1:" + port + "/" + ISSUER_ID + "/jwks"));
    String token = signed(TestTokens.claims(unreachableIssuer, AUDIENCE, "jo", clock.instant(), Duration.ofMinutes(5)));

    assertThat(explicit.verify(token).subject()).isEqualTo("jo");
  }

  @Test
  void givenTokenIssuedInProcessWithCustomClaims_verify_acceptsAndMapsThem() {
    // issueToken names the issuer by the server's own URL (localhost), so expect exactly that one.
    String localhostIssuer = server.issuerUrl(ISSUER_ID).toString();
    TokenVerifier v = verifierFor(Settings.none().issuer(localhostIssuer).audience(AUDIENCE)
        .jwks("http://127.0.0.1:" + port + "/" + ISSUER_ID + "/jwks"));
    SignedJWT token = server.issueToken(ISSUER_ID, "console", new DefaultOAuth2TokenCallback(ISSUER_ID, "alice", "JWT",
        List.of(AUDIENCE), Map.of("roles", List.of("operator"), "lab", "pk-unit", "preferred_username", "alice"), 600));

    Principal p = v.verify(token.serialize());

    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.roles()).containsExactly(Role.OPERATOR);
    assertThat(p.serviceAccount()).isFalse();
    assertThat(p.tokenId()).isPresent();
  }

  @Test
  void givenClientCredentialsGrantAtTheTokenEndpoint_verify_marksServiceAccountWithScopeRoles() throws Exception {
    server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "svc-ingest", "JWT", List.of(AUDIENCE),
        Map.of("client_id", "svc-ingest", "scope", "mcp:operate"), 600));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(issuer + "/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(
                "grant_type=client_credentials&client_id=svc-ingest&client_secret=s3cret&scope=mcp%3Aoperate"))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    String accessToken = response.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

    Principal p = verifier.verify(accessToken);

    assertThat(p.subject()).isEqualTo("svc-ingest");
    assertThat(p.serviceAccount()).isTrue();
    assertThat(p.roles()).containsExactly(Role.OPERATOR);
  }

  @Test
  void givenAccessTokenType_verify_acceptsAtJwtAndNoType() {
    JWTClaimsSet c = claims("t").claim("roles", List.of("viewer")).build();

    assertThat(verifier.verify(TestTokens.sign(issuerKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
        .keyID(ISSUER_ID).type(new JOSEObjectType("at+jwt")).build(), c)).subject()).isEqualTo("t");
    assertThat(verifier.verify(TestTokens.sign(issuerKey(), new JWSHeader.Builder(JWSAlgorithm.RS256)
        .keyID(ISSUER_ID).build(), c)).subject()).isEqualTo("t");
  }

  // ---- role sources ----

  @Test
  void givenKeycloakRealmAndClientRoles_verify_grantsBoth() {
    Principal p = verifier.verify(signed(claims("kc")
        .claim("realm_access", Map.of("roles", List.of("offline_access", "viewer")))
        .claim("resource_access", Map.of(AUDIENCE, Map.of("roles", List.of("operator")),
            "account", Map.of("roles", List.of("admin"))))));

    assertThat(p.roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
  }

  @Test
  void givenScopes_verify_mapsMcpScopesToRoles() {
    assertThat(verifier.verify(signed(claims("s1").claim("scope", "openid mcp:read"))).roles()).containsExactly(Role.VIEWER);
    assertThat(verifier.verify(signed(claims("s2").claim("scp", List.of("mcp:admin")))).roles()).containsExactly(Role.ADMIN);
    assertThat(verifier.verify(signed(claims("s3").claim("scp", "mcp:operate"))).has(Role.VIEWER)).isTrue();
  }

  @Test
  void givenConfiguredClaimAndMapping_verify_usesThem() {
    TokenVerifier mapped = verifierFor(Settings.none().issuer(issuer).audience(AUDIENCE).rolesClaim("groups")
        .map("lab-admin", Role.ADMIN).map("lab-user", Role.OPERATOR));

    assertThat(mapped.verify(signed(claims("m1").claim("groups", List.of("lab-user", "staff")))).roles())
        .containsExactly(Role.OPERATOR);
    assertThat(mapped.verify(signed(claims("m2").claim("roles", List.of("admin")))).roles())
        .as("plain names do not count once a mapping is configured").isEmpty();
    assertThat(mapped.verify(signed(claims("m3").claim("realm_access", Map.of("roles", List.of("lab-admin"))))).roles())
        .containsExactly(Role.ADMIN);
  }

  @Test
  void givenNoKnownRole_verify_returnsPrincipalWithoutRolesRatherThanFailing() {
    Principal p = verifier.verify(signed(claims("guest").claim("roles", List.of("guest")).claim("scope", "openid")));

    assertThat(p.roles()).isEmpty();
  }

  @Test
  void givenClientCredentialsClaims_verify_marksServiceAccount() {
    assertThat(verifier.verify(signed(claims("abc@clients").claim("gty", "client-credentials"))).serviceAccount()).isTrue();
    assertThat(verifier.verify(signed(claims("u-1").claim("azp", "ingest").claim("client_id", "ingest")
        .claim("preferred_username", "service-account-ingest"))).serviceAccount()).isTrue();
    assertThat(verifier.verify(signed(claims("u-2").claim("azp", "console").claim("client_id", "console")
        .claim("preferred_username", "alice"))).serviceAccount()).isFalse();
  }

  // ---- replay ----

  @Test
  void givenSingleUseToken_verifyTwice_rejectsTheReplay() {
    String token = signed(claims("once").claim("roles", List.of("operator")).claim("single_use", true));

    assertThat(verifier.verify(token).subject()).isEqualTo("once");
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void givenOrdinaryTokenWithJti_verifyManyTimes_neverChecksReplay() {
    String token = signed(claims("many").jwtID("fixed-jti"));

    for (int i = 0; i < 10; i++) {
      assertThat(verifier.verify(token).subject()).isEqualTo("many");
    }
  }

  // ---- the negative suite: each case ends in AuthenticationException; the issuer and its keys are real ----

  private void rejected(String token, String messagePart) {
    assertRejectedWithoutEcho(token);
    assertThatThrownBy(() -> verifier.verify(token)).hasMessageContaining(messagePart);
  }

  @Test
  void givenExpiredBeyondSkew_verify_rejects() {
    rejected(signed(claims("x").expirationTime(Date.from(clock.instant().minusSeconds(61)))), "expired");
  }

  @Test
  void givenExpiredWithinSkew_verify_accepts() {
    assertThat(verifier.verify(signed(claims("x").expirationTime(Date.from(clock.instant().minusSeconds(59))))).subject())
        .isEqualTo("x");
  }

  @Test
  void givenNotBeforeInTheFuture_verify_rejectsBeyondSkewOnly() {
    rejected(signed(claims("x").notBeforeTime(Date.from(clock.instant().plusSeconds(61)))), "not valid yet");
    assertThat(verifier.verify(signed(claims("x").notBeforeTime(Date.from(clock.instant().plusSeconds(59))))).subject())
        .isEqualTo("x");
  }

  @Test
  void givenIssuedInTheFuture_verify_rejects() {
    rejected(signed(claims("x").issueTime(Date.from(clock.instant().plusSeconds(300)))), "issued in the future");
  }

  @Test
  void givenWrongIssuer_verify_rejects() {
    rejected(signed(claims("x").issuer("http://127.0.0.1:" + port + "/other")), "issuer");
    rejected(signed(claims("x").issuer(issuer + "/")), "issuer");
  }

  @Test
  void givenWrongAudience_verify_rejects() {
    rejected(signed(claims("x").audience("another-api")), "audience");
    rejected(signed(claims("x").audience((String) null)), "audience");
  }

  @Test
  void givenTamperedPayload_verify_rejectsSignature() {
    String token = tokenFor("alice", Set.of(Role.VIEWER));
    JWTClaimsSet elevated = claims("alice").claim("roles", List.of("admin")).build();

    rejected(TestTokens.withPayload(token, elevated.toString()), "signature");
  }

  @Test
  void givenSignatureByUnknownKey_verify_rejects() {
    RSAKey impostor = TestTokens.rsaKey(ISSUER_ID);
    RSAKey stranger = TestTokens.rsaKey("stranger");

    rejected(TestTokens.sign(impostor, JWSAlgorithm.RS256, claims("x").build()), "signature");
    rejected(TestTokens.sign(stranger, JWSAlgorithm.RS256, claims("x").build()), "no signing key");
  }

  @Test
  void givenIssuerKeyUsedWithAnotherAlgorithm_verify_rejects() {
    // The published key says alg RS256; the same key with PS256 must not be accepted.
    rejected(TestTokens.sign(issuerKey(), JWSAlgorithm.PS256, claims("x").build()), "no signing key");
  }

  @Test
  void givenAlgNone_verify_rejects() {
    String token = tokenFor("root", Set.of(Role.ADMIN));
    String none = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"none\"}").toString();

    rejected(none + token.substring(token.indexOf('.')), "unsigned");
  }

  @Test
  void givenHs256SignedWithTheIssuersPublicKey_verify_rejectsWithOrWithoutDevelopmentTokens() throws Exception {
    byte[] publicKey = issuerKey().toRSAPublicKey().getEncoded();
    String forged = TestTokens.signHmac(publicKey, new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ISSUER_ID).build(),
        claims("root").claim("roles", List.of("admin")).build());
    TokenVerifier both = verifierFor(Settings.development().issuer(issuer).audience(AUDIENCE));

    rejected(forged, "not accepted");
    assertThatThrownBy(() -> both.verify(forged)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void givenMissingExpiry_verify_rejects() {
    rejected(signed(claims("x").expirationTime(null)), "no expiry");
  }

  @Test
  void givenMissingSubject_verify_rejects() {
    rejected(signed(claims(null)), "no subject");
  }

  @Test
  void givenMalformedToken_verify_rejects() {
    rejected("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "malformed");
    rejected("Bearer " + tokenFor("x", Set.of()), "malformed");
  }

  @Test
  void givenOversizedToken_verify_rejects() {
    rejected(signed(claims("x").claim("padding", "p".repeat(20_000))), "larger than");
  }
}
