package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens refused for their shape, before any key is fetched or any signature computed. The
 * verifier's issuer is unreachable on purpose: had it tried to fetch keys, the failure would be
 * BackendUnavailableException, not AuthenticationException.
 */
class TokenShapeTest {
  private static final String ISSUER = "http://127.0.0.1:1/unreachable";
  private static final RSAKey KEY = TestTokens.rsaKey("k1");
  private final MutableClock clock = MutableClock.atSystemTime();
  private final TokenVerifier verifier = TokenVerifiers.fromSettings(
      Settings.none().issuer(ISSUER).audience("mcp-bridge").build(), Environment.DEVELOPMENT, clock);

  private String valid(JWSHeader header) {
    return TestTokens.sign(KEY, header, TestTokens.claims(ISSUER, "mcp-bridge", "alice", clock.instant(), Duration.ofMinutes(5)).build());
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private void assertRejected(String token, String messagePart) {
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void givenTokenOverSixteenKiB_verify_rejectsBySize() {
    String token = valid(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build());
    String padded = token.substring(0, token.indexOf('.') + 1) + "A".repeat(16 * 1024) + token.substring(token.indexOf('.') + 1);

    assertRejected(padded, "larger than 16384 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "abc.def", "a.b.c.d", "eyJhbGciOiJSUzI1NiJ9..sig", "eyJ hbGc.x.y", "ab+c/d.ef.gh",
      "a.b.c=", "e30.e30.sig", "bm90LWpzb24.e30.c2ln"})
  void givenMalformedToken_verify_rejectsAsMalformed(String token) {
    assertRejected(token, "malformed token");
  }

  @Test
  void givenUnreadableClaims_verify_rejectsAsMalformed() {
    String header = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}");

    assertRejected(header + "." + b64("[1,2,3]") + ".c2ln", "malformed token");
    assertRejected(header + "." + b64("{\"exp\":\"tomorrow\",\"sub\":\"x\"}") + ".c2ln", "malformed token");
  }

  @Test
  void givenFivePartToken_verify_rejectsEncryptedTokens() {
    assertRejected(b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".a.b.c.d", "encrypted");
    assertRejected(b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".YQ.Yg", "encrypted");
  }

  @Test
  void givenAlgNone_verify_rejectsUnsignedTokens() {
    String claims = b64("{\"sub\":\"root\",\"iss\":\"" + ISSUER + "\",\"aud\":\"mcp-bridge\",\"exp\":9999999999}");

    assertRejected(b64("{\"alg\":\"none\"}") + "." + claims + ".", "unsigned");
    assertRejected(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + claims + ".c2ln", "unsigned");
    assertRejected(b64("{\"alg\":\"NONE\"}") + "." + claims + ".c2ln", "not accepted");
  }

  @Test
  void givenForeignTokenType_verify_rejectsType() {
    assertRejected(valid(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("dpop+jwt")).build()),
        "type (typ)");
    assertRejected(valid(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("logout+jwt")).build()),
        "type (typ)");
  }

  @Test
  void givenCriticalHeader_verify_rejects() {
    assertRejected(valid(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").criticalParams(Set.of("exp"))
        .customParam("exp", 1).build()), "crit");
  }

  @Test
  void givenAlgorithmOutsideAllowList_verify_rejectsWithoutFetchingKeys() {
    assertRejected(valid(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("k1").build()), "algorithm");
    assertRejected(b64("{\"alg\":\"ES256K\"}") + "." + b64("{\"sub\":\"x\"}") + ".c2ln", "algorithm");
  }

  @Test
  void givenHs256SignedWithTheIssuersRsaPublicKey_verify_rejectsAlgorithmConfusion() throws Exception {
    byte[] publicKeyBytes = KEY.toRSAPublicKey().getEncoded();
    String forged = TestTokens.signHmac(publicKeyBytes, new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
        TestTokens.claims(ISSUER, "mcp-bridge", "root", clock.instant(), Duration.ofMinutes(5)).build());

    assertRejected(forged, "not accepted");
  }
}
