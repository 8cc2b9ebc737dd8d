package io.mcpbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation, refresh rate-limiting and an unreachable issuer, against a real JWKS endpoint
 * served on 127.0.0.1 by the JDK's HTTP server, whose published keys each test controls exactly.
 */
class JwksEndpointIT {
  private static final String AUDIENCE = "mcp-bridge";
  private final MutableClock clock = MutableClock.atSystemTime();
  private final List<JWK> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private volatile int jwksStatus = 200;
  private volatile String advertisedIssuer;
  private HttpServer server;
  private String issuer;

  @BeforeEach
  void startJwksEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/lab";
    advertisedIssuer = issuer;
    server.createContext("/realms/lab/.well-known/openid-configuration", exchange -> {
      String body = "{\"issuer\":\"" + advertisedIssuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}";
      respond(exchange, 200, body);
    });
    server.createContext("/realms/lab/certs", exchange -> {
      jwksRequests.incrementAndGet();
      respond(exchange, jwksStatus, new JWKSet(new ArrayList<>(published)).toString(true));
    });
    server.start();
  }

  @AfterEach
  void stopJwksEndpoint() {
    server.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private TokenVerifier verifier() {
    return verifier(Settings.none().issuer(issuer).audience(AUDIENCE));
  }

  private TokenVerifier verifier(Settings settings) {
    return TokenVerifiers.fromSettings(settings.build(), Environment.DEVELOPMENT, clock);
  }

  private String token(JWK key, JWSAlgorithm alg, String subject) {
    return TestTokens.sign(key, alg, TestTokens.claims(issuer, AUDIENCE, subject, clock.instant(), Duration.ofMinutes(30)).build());
  }

  @Test
  void givenNewKeyPublished_verify_acceptsItAfterOneRefresh() {
    RSAKey first = TestTokens.rsaKey("2024-01");
    RSAKey second = TestTokens.rsaKey("2024-02");
    published.add(first.toPublicJWK());
    TokenVerifier verifier = verifier();
    assertThat(verifier.verify(token(first, JWSAlgorithm.RS256, "a")).subject()).isEqualTo("a");
    assertThat(jwksRequests.get()).isEqualTo(1);

    published.add(second.toPublicJWK());
    clock.advance(Duration.ofSeconds(31));

    assertThat(verifier.verify(token(second, JWSAlgorithm.RS256, "b")).subject()).isEqualTo("b");
    assertThat(jwksRequests.get()).as("exactly one refresh for the new kid").isEqualTo(2);
    assertThat(verifier.verify(token(first, JWSAlgorithm.RS256, "a")).subject()).isEqualTo("a");
    assertThat(verifier.verify(token(second, JWSAlgorithm.RS256, "b")).subject()).isEqualTo("b");
    assertThat(jwksRequests.get()).isEqualTo(2);
  }

  @Test
  void givenOldKeyWithdrawn_verify_rejectsItAfterTheCacheExpires() {
    RSAKey old = TestTokens.rsaKey("old");
    RSAKey current = TestTokens.rsaKey("current");
    published.add(old.toPublicJWK());
    TokenVerifier verifier = verifier(Settings.none().issuer(issuer).audience(AUDIENCE).jwksCache(Duration.ofSeconds(60)));
    verifier.verify(token(old, JWSAlgorithm.RS256, "a"));

    published.clear();
    published.add(current.toPublicJWK());
    clock.advance(Duration.ofSeconds(61));

    assertThat(verifier.verify(token(current, JWSAlgorithm.RS256, "b")).subject()).isEqualTo("b");
    assertThatThrownBy(() -> verifier.verify(token(old, JWSAlgorithm.RS256, "a")))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("no signing key");
  }

  @Test
  void givenRotationWithinTheRefreshInterval_verify_rejectsUntilTheIntervalHasPassed() {
    RSAKey first = TestTokens.rsaKey("k1");
    RSAKey second = TestTokens.rsaKey("k2");
    published.add(first.toPublicJWK());
    TokenVerifier verifier = verifier();
    verifier.verify(token(first, JWSAlgorithm.RS256, "a"));
    published.add(second.toPublicJWK());
    String fresh = token(second, JWSAlgorithm.RS256, "b");

    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> verifier.verify(fresh)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no signing key");
    assertThat(jwksRequests.get()).as("refresh is rate-limited").isEqualTo(1);

    clock.advance(Duration.ofSeconds(21));
    assertThat(verifier.verify(fresh).subject()).isEqualTo("b");
    assertThat(jwksRequests.get()).isEqualTo(2);
  }

  @Test
  void givenBurstOfUnknownKids_verify_fetchesAtMostOnce() throws Exception {
    RSAKey known = TestTokens.rsaKey("known");
    published.add(known.toPublicJWK());
    TokenVerifier verifier = verifier();
    verifier.verify(token(known, JWSAlgorithm.RS256, "a"));
    clock.advance(Duration.ofMinutes(1));
    List<String> forged = new ArrayList<>();
    ECKey attacker = TestTokens.ecKey("unused");
    for (int i = 0; i < 60; i++) {
      ECKey withKid = new ECKey.Builder(attacker).keyID("random-" + i).build();
      forged.add(token(withKid, JWSAlgorithm.ES256, "mallory"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (String t : forged) {
        results.add(pool.submit(() -> {
          assertThatThrownBy(() -> verifier.verify(t)).isInstanceOf(AuthenticationException.class);
          return null;
        }));
      }
      for (Future<?> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(jwksRequests.get()).as("one fetch at start, at most one for the whole burst").isEqualTo(2);
    assertThat(verifier.verify(token(known, JWSAlgorithm.RS256, "a")).subject()).isEqualTo("a");
  }

  @Test
  void givenIssuerDownAndNoCachedKey_verify_throwsBackendUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    String downIssuer = "http://127.0.0.1:" + closedPort + "/realms/lab";
    RSAKey key = TestTokens.rsaKey("k");
    TokenVerifier discovery = verifier(Settings.none().issuer(downIssuer).audience(AUDIENCE));
    TokenVerifier explicit = verifier(Settings.none().issuer(downIssuer).audience(AUDIENCE).jwks(downIssuer + "/certs"));
    String token = TestTokens.sign(key, JWSAlgorithm.RS256,
        TestTokens.claims(downIssuer, AUDIENCE, "a", clock.instant(), Duration.ofMinutes(5)).build());

    assertThatThrownBy(() -> discovery.verify(token)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageNotContaining(token);
    assertThatThrownBy(() -> explicit.verify(token)).isInstanceOf(BackendUnavailableException.class);
    assertThatThrownBy(() -> explicit.verify(token)).as("still no key while rate-limited")
        .isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void givenJwksEndpointFailing_verify_throwsBackendUnavailableUntilItRecovers() {
    RSAKey key = TestTokens.rsaKey("k");
    published.add(key.toPublicJWK());
    jwksStatus = 500;
    TokenVerifier verifier = verifier();
    String token = token(key, JWSAlgorithm.RS256, "a");

    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(BackendUnavailableException.class);

    jwksStatus = 200;
    clock.advance(Duration.ofSeconds(6));
    assertThat(verifier.verify(token).subject()).isEqualTo("a");
  }

  @Test
  void givenIssuerDownWithCachedKeys_verify_keepsUsingThemForOneMoreCachePeriod() {
    RSAKey key = TestTokens.rsaKey("k");
    published.add(key.toPublicJWK());
    TokenVerifier verifier = verifier(Settings.none().issuer(issuer).audience(AUDIENCE).jwksCache(Duration.ofMinutes(10)));
    verifier.verify(token(key, JWSAlgorithm.RS256, "a"));
    server.stop(0);

    clock.advance(Duration.ofMinutes(11));
    assertThat(verifier.verify(token(key, JWSAlgorithm.RS256, "b")).subject()).isEqualTo("b");

    clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> verifier.verify(token(key, JWSAlgorithm.RS256, "c")))
        .isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void givenDiscoveryNamingAnotherIssuer_verify_refusesTheKeys() {
    RSAKey key = TestTokens.rsaKey("k");
    published.add(key.toPublicJWK());
    advertisedIssuer = "https://evil.example.org/realms/lab";

    assertThatThrownBy(() -> verifier().verify(token(key, JWSAlgorithm.RS256, "a")))
        .isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void givenPs256EdDsaAndEs256Keys_verify_acceptsEachWithItsOwnAlgorithmOnly() {
    RSAKey rsa = TestTokens.rsaKey("rsa");
    ECKey ec = TestTokens.ecKey("ec");
    TestTokens.Ed25519Key ed = TestTokens.ed25519Key("ed");
    published.add(rsa.toPublicJWK());
    published.add(ec.toPublicJWK());
    published.add(ed.publicJwk());
    TokenVerifier verifier = verifier();

    assertThat(verifier.verify(token(rsa, JWSAlgorithm.PS256, "ps")).subject()).isEqualTo("ps");
    assertThat(verifier.verify(token(ec, JWSAlgorithm.ES256, "es")).subject()).isEqualTo("es");
    assertThat(verifier.verify(TestTokens.signEd25519(ed,
        TestTokens.claims(issuer, AUDIENCE, "ed", clock.instant(), Duration.ofMinutes(5)).build())).subject()).isEqualTo("ed");
    assertThatThrownBy(() -> verifier.verify(token(new ECKey.Builder(ec).keyID("rsa").build(), JWSAlgorithm.ES256, "x")))
        .as("an EC signature under the RSA key's kid").isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> verifier.verify(token(rsa, JWSAlgorithm.RS384, "x")))
        .as("RS384 is not on the default allow-list").isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("algorithm");
  }

  @Test
  void givenTamperedEdDsaToken_verify_rejectsSignature() {
    TestTokens.Ed25519Key ed = TestTokens.ed25519Key("ed");
    published.add(ed.publicJwk());
    String token = TestTokens.signEd25519(ed, TestTokens.claims(issuer, AUDIENCE, "ed", clock.instant(), Duration.ofMinutes(5)).build());
    String tampered = TestTokens.withPayload(token,
        TestTokens.claims(issuer, AUDIENCE, "root", clock.instant(), Duration.ofMinutes(5)).build().toString());

    assertThatThrownBy(() -> verifier().verify(tampered)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("signature");
  }
}
