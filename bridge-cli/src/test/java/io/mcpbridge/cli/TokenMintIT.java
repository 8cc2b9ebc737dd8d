package io.mcpbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpbridge.auth.TokenVerifiers;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge token mint} as a developer runs it: the packaged jar, a real environment. */
class TokenMintIT {
  private static final String SECRET = "integration-secret-0123456789abcdef";
  @TempDir Path work;

  @BeforeEach
  void bundledModelDirectory() throws Exception {
    Files.createDirectories(work.resolve("models"));
  }

  private static Map<String, String> development() {
    Map<String, String> env = new HashMap<>();
    env.put("ENVIRONMENT", "development");
    env.put("AUTH_DEV_SECRET", SECRET);
    return env;
  }

  @Test
  void givenDevelopmentSecret_mint_printsOnlyAJwtThatVerifiesWithTheSecret() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, development(),
        "token", "mint", "--sub", "alice", "--roles", "viewer,operator", "--ttl", "15m");

    assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(0);
    String token = outcome.stdout().trim();
    assertThat(outcome.stdout()).isEqualTo(token + System.lineSeparator());
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringListClaim("roles")).containsExactly("viewer", "operator");
    assertThat(claims.getIssuer()).isEqualTo("mcp-bridge-dev");
    assertThat(claims.getAudience()).containsExactly("mcp-bridge");
    assertThat(claims.getJWTID()).isNotBlank();
    Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
    assertThat(lifetime).isEqualTo(Duration.ofMinutes(15));
    assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
  }

  @Test
  void givenMintedToken_bridgeVerifier_acceptsItWithTheSameConfiguration() throws Exception {
    Map<String, String> env = development();
    env.put("AUTH_AUDIENCE", "lab-bridge");
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, env, "token", "mint", "--sub", "svc", "--roles", "admin");
    assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(0);

    Map<String, String> config = new HashMap<>(env);
    config.put("MCP_MODEL_SEARCH_PATHS", work.resolve("models").toString());
    config.put("JOB_REGISTRY_PATH", work.resolve("var/jobs/registry.db").toString());
    config.put("AUDIT_STORAGE_PATH", work.resolve("var/audit").toString());
    config.put("POPULATION_STORAGE_PATH", work.resolve("var/pop").toString());
    AppConfig app = AppConfig.load(key -> java.util.Optional.ofNullable(config.get(key))).requireValid();
    Principal p = TokenVerifiers.fromSettings(app.auth(), Environment.DEVELOPMENT, Clock.systemUTC())
        .verify(outcome.stdout().trim());

    assertThat(p.subject()).isEqualTo("svc");
    assertThat(p.has(Role.VIEWER)).isTrue();
  }

  @Test
  void givenNoSecret_mint_refusesWithExitTwoAndNothingOnStdout() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, Map.of("ENVIRONMENT", "development"),
        "token", "mint", "--sub", "alice", "--roles", "viewer");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr()).contains("AUTH_DEV_SECRET is not set");
  }

  @Test
  void givenSecretInProduction_mint_refusesWithoutRevealingIt() throws Exception {
    Map<String, String> env = development();
    env.put("ENVIRONMENT", "production");

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, env, "token", "mint", "--sub", "alice", "--roles", "admin");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stdout()).isEmpty();
    assertThat(outcome.stderr()).contains("AUTH_DEV_SECRET").contains("production").doesNotContain(SECRET);
  }

  @Test
  void givenShortSecret_mint_refuses() throws Exception {
    Map<String, String> env = development();
    env.put("AUTH_DEV_SECRET", "too-short");

    BridgeProcess.Outcome outcome = BridgeProcess.run(work, env, "token", "mint", "--sub", "alice", "--roles", "admin");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("32").doesNotContain("too-short");
  }

  @Test
  void givenBadArguments_mint_isAUsageError() throws Exception {
    assertThat(BridgeProcess.run(work, development(), "token", "mint", "--roles", "viewer").exitCode())
        .as("--sub is required").isEqualTo(2);
    BridgeProcess.Outcome badRole = BridgeProcess.run(work, development(), "token", "mint", "--sub", "a", "--roles", "root");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.stderr()).contains("unknown role 'root'");
    BridgeProcess.Outcome badTtl = BridgeProcess.run(work, development(), "token", "mint", "--sub", "a", "--roles", "viewer",
        "--ttl", "30d");
    assertThat(badTtl.exitCode()).isEqualTo(2);
    assertThat(badTtl.stderr()).contains("7 days");
    assertThat(BridgeProcess.run(work, development(), "token", "mint", "--sub", "a", "--roles", "viewer", "--ttl", "soon")
        .exitCode()).isEqualTo(2);
  }

  @Test
  void givenSingleUseAndIsoTtl_mint_marksTheToken() throws Exception {
    BridgeProcess.Outcome outcome = BridgeProcess.run(work, development(),
        "token", "mint", "--sub", "once", "--roles", "operator", "--ttl", "PT2M", "--single-use");

    assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(0);
    JWTClaimsSet claims = SignedJWT.parse(outcome.stdout().trim()).getJWTClaimsSet();
    assertThat(claims.getBooleanClaim("single_use")).isTrue();
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(2));
  }
}
