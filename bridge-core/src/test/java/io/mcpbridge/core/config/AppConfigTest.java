package io.mcpbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.audit.AuditSigningKeys;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.port.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  private static final String SIGNING_KEY = AuditSigningKeys.encodePrivate(AuditSigningKeys.generate().getPrivate());
  @TempDir Path tmp;
  private final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void pointStorageAtTempDir() throws IOException {
    Path models = Files.createDirectories(tmp.resolve("models"));
    vars.put("MCP_MODEL_SEARCH_PATHS", models.toString());
    vars.put("JOB_REGISTRY_PATH", tmp.resolve("var/jobs/registry.db").toString());
    vars.put("AUDIT_STORAGE_PATH", tmp.resolve("var/audit").toString());
    vars.put("POPULATION_STORAGE_PATH", tmp.resolve("var/pop").toString());
  }

  private ConfigReport load() {
    ConfigSource source = key -> Optional.ofNullable(vars.get(key));
    return AppConfig.load(source);
  }

  private static boolean hasError(ConfigReport report, String variable) {
    return report.errors().stream().anyMatch(p -> p.variable().equals(variable));
  }

  /** A self-signed certificate whose key was thrown away: only its parsing matters here. */
  private static final String TEST_CA = """
      -----BEGIN CERTIFICATE-----
      MIIBmDCCAT2gAwIBAgIUK7kXa9tx/VtsYSPpIqdw0s99rGgwCgYIKoZIzj0EAwIw
      IDEeMBwGA1UEAwwVQnJpZGdlIGNvbmZpZyB0ZXN0IENBMCAXDTI2MTIwMzIwMTIx
      OVoYDzIxMjYxMTA5MjAxMjE5WjAgMR4wHAYDVQQDDBVCcmlkZ2UgY29uZmlnIHRl
      c3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATP3OAzcsYiLgBArGgiU3wB
      Fv88VSbZ6+ZKdbqjOr3ja1QdPxTwaKYSj2Sgt5GVQ/PAuiSgae69JvR3jR/ggsMX
      o1MwUTAdBgNVHQ4EFgQUD+qpftkOEJ1bm7wCczvp7fTORHAwHwYDVR0jBBgwFoAU
      D+qpftkOEJ1bm7wCczvp7fTORHAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
      AgNJADBGAiEAg8PuAaK3vrVoG4+4QrV1TmDPo9h8/Hc5ErPsSCCEskgCIQC/IAyF
      nutHvvTBEoDdZefYVxuyS0sWKllHHgT0+zm/FQ==
      -----END CERTIFICATE-----
      """;

  @Test
  void givenDevelopmentDefaults_load_isValidWithDocumentedDefaults() {
    ConfigReport report = load();

    assertThat(report.errors()).isEmpty();
    AppConfig config = report.requireValid();
    assertThat(config.server().environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(config.server().port()).isEqualTo(8000);
    assertThat(config.server().logFormat()).isEqualTo(ServerSettings.LogFormat.TEXT);
    assertThat(config.jobs().backend()).isEqualTo(JobSettings.Backend.THREAD);
    assertThat(config.jobs().timeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.auth().jwksCache()).isEqualTo(Duration.ofSeconds(900));
    assertThat(config.audit().backend()).isEqualTo(AuditSettings.Backend.LOCAL);
  }

  @Test
  void givenConsoleSettings_load_readsThem_andDefaultsToNoConsole() {
    assertThat(load().requireValid().console().enabled()).isFalse();
    vars.put("CONSOLE_ENABLED", "true");
    vars.put("AUTH_DEV_SECRET", "a-development-secret-of-at-least-32-bytes");
    vars.put("CONSOLE_SESSION_TTL_SECONDS", "600");
    vars.put("CONSOLE_COOKIE_SECURE", "true");
    vars.put("CONSOLE_PUBLIC_URL", "https://bridge.example.org");

    ConsoleSettings console = load().requireValid().console();

    assertThat(console.enabled()).isTrue();
    assertThat(console.sessionTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(console.secureCookies()).isTrue();
    assertThat(console.maxSessions()).isEqualTo(1000);
    assertThat(console.publicUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("bridge.example.org"));
  }

  @Test
  void givenConsoleNobodyCouldSignInTo_orAnIssuerWithoutConsoleClient_load_reportsIt() {
    vars.put("CONSOLE_ENABLED", "true");
    assertThat(hasError(load(), "CONSOLE_ENABLED")).as("no issuer, no development secret").isTrue();

    vars.put("AUTH_ISSUER_URL", "https://idp.example.org/realms/lab");
    vars.put("AUTH_AUDIENCE", "mcp-bridge");
    assertThat(hasError(load(), "CONSOLE_ENABLED")).as("issuer without AUTH_CONSOLE_CLIENT_ID").isTrue();

    vars.put("AUTH_CONSOLE_CLIENT_ID", "bridge-console");
    vars.put("CONSOLE_SESSION_TTL_SECONDS", "5");
    vars.put("CONSOLE_PUBLIC_URL", "https://bridge.example.org/console");
    ConfigReport report = load();
    assertThat(hasError(report, "CONSOLE_ENABLED")).isFalse();
    assertThat(hasError(report, "CONSOLE_SESSION_TTL_SECONDS")).isTrue();
    assertThat(hasError(report, "CONSOLE_PUBLIC_URL")).isTrue();
  }

  @Test
  void givenConsoleSecretWithoutClientId_load_reportsIt_withTheSecretMasked() {
    vars.put("AUTH_CONSOLE_CLIENT_SECRET", "very-secret-value");

    ConfigReport report = load();

    assertThat(hasError(report, "AUTH_CONSOLE_CLIENT_SECRET")).isTrue();
    assertThat(report.errors().toString()).doesNotContain("very-secret-value");
  }

  @Test
  void givenProductionWithDevelopmentShortcuts_load_reportsEveryErrorAtOnce() {
    vars.put("ENVIRONMENT", "production");
    vars.put("AUTH_DEV_SECRET", "abc");
    vars.put("JOB_BACKEND", "celery");
    vars.put("AUTH_ALLOW_ANONYMOUS", "true");

    ConfigReport report = load();

    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).extracting(ConfigProblem::variable).contains(
        "AUTH_DEV_SECRET", "AUTH_ALLOW_ANONYMOUS", "AUTH_ISSUER_URL", "AUTH_AUDIENCE", "JOB_BROKER_URL");
    assertThat(report.problems()).allSatisfy(p -> assertThat(p.describe()).doesNotContain("abc"));
    assertThat(report.settings()).filteredOn(s -> s.name().equals("AUTH_DEV_SECRET"))
        .singleElement().satisfies(s -> {
          assertThat(s.shownValue()).isEqualTo("****");
          assertThat(s.origin()).isEqualTo("environment");
        });
    assertThat(report.settings()).filteredOn(s -> s.name().equals("LOG_FORMAT")).isNotEmpty();
    assertThat(report.config().server().logFormat()).isEqualTo(ServerSettings.LogFormat.JSON);
    assertThatThrownBy(report::requireValid).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AUTH_DEV_SECRET").hasMessageNotContaining("abc");
  }

  @Test
  void givenShortDevSecretInDevelopment_load_reportsLengthWithoutValue() {
    vars.put("AUTH_DEV_SECRET", "short-secret");

    ConfigReport report = load();

    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.variable()).isEqualTo("AUTH_DEV_SECRET");
      assertThat(p.message()).contains("32");
      assertThat(p.describe()).doesNotContain("short-secret");
    });
  }

  @Test
  void givenStrongDevSecretInTest_load_isValid() {
    vars.put("ENVIRONMENT", "test");
    vars.put("AUTH_DEV_SECRET", "0123456789abcdef0123456789abcdef");

    assertThat(load().errors()).isEmpty();
  }

  @Test
  void givenStagingWithIssuerAndAudience_load_needsNoExplicitJwksUrl() {
    vars.put("ENVIRONMENT", "staging");
    vars.put("AUDIT_SIGNING_KEY", SIGNING_KEY);
    vars.put("AUTH_ISSUER_URL", "https://idp.example.org/realms/lab");
    vars.put("AUTH_AUDIENCE", "mcp-bridge");

    ConfigReport report = load();

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void givenStagingWithoutAnyIdentityProvider_load_requiresIssuerAudienceAndJwks() {
    vars.put("ENVIRONMENT", "staging");

    ConfigReport report = load();

    assertThat(report.errors()).extracting(ConfigProblem::variable)
        .contains("AUTH_ISSUER_URL", "AUTH_AUDIENCE", "AUTH_JWKS_URL");
  }

  @Test
  void givenUnknownJobBackend_load_namesVariableAndValue() {
    vars.put("JOB_BACKEND", "hpc");

    ConfigReport report = load();

    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.variable()).isEqualTo("JOB_BACKEND");
      assertThat(p.value()).isEqualTo("hpc");
      assertThat(p.message()).contains("thread", "queue", "celery");
    });
  }

  @Test
  void givenBrokerWithWrongSchemeAndPassword_load_reportsSchemeAndMasksCredentials() {
    vars.put("JOB_BACKEND", "queue");
    vars.put("JOB_BROKER_URL", "http://user:hunter2@broker.local:5672/");

    ConfigReport report = load();

    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.variable()).isEqualTo("JOB_BROKER_URL");
      assertThat(p.message()).contains("scheme");
      assertThat(p.value()).isEqualTo("http://****@broker.local:5672/");
    });
    assertThat(report.settings()).allSatisfy(s -> assertThat(s.shownValue()).doesNotContain("hunter2"));
  }

  @Test
  void givenCeleryBrokerAliasInProductionPlainText_load_acceptsAliasAndWarns() {
    vars.put("ENVIRONMENT", "production");
    vars.put("AUDIT_SIGNING_KEY", SIGNING_KEY);
    vars.put("AUTH_ISSUER_URL", "https://idp.example.org");
    vars.put("AUTH_AUDIENCE", "bridge");
    vars.put("JOB_BACKEND", "celery");
    vars.put("CELERY_BROKER_URL", "redis://:guest@127.0.0.1:6379/0");

    ConfigReport report = load();

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(ConfigProblem::variable).contains("JOB_BROKER_URL");
    assertThat(report.config().jobs().backend()).isEqualTo(JobSettings.Backend.QUEUE);
    assertThat(report.settings()).filteredOn(s -> s.name().equals("JOB_BROKER_URL")).singleElement()
        .satisfies(s -> assertThat(s.origin()).contains("CELERY_BROKER_URL"));
  }

  @Test
  void givenARabbitMqBroker_load_acceptsAmqpAndAmqps_andWarnsOnlyAboutPlainTextInProduction() {
    vars.put("JOB_BACKEND", "queue");
    vars.put("JOB_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/");

    ConfigReport report = load();

    assertThat(report.errors()).isEmpty();
    assertThat(report.config().jobs().brokerUrl().orElseThrow().reveal()).startsWith("amqp://");

    vars.put("JOB_BROKER_URL", "amqps://bridge:secret@broker.example:5671/prod");
    assertThat(load().errors()).isEmpty();

    vars.put("JOB_BROKER_URL", "amqpx://127.0.0.1:5672/");
    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactly("JOB_BROKER_URL");
  }

  @Test
  void givenQueueSettings_load_validatesPrefixLeaseDeliveriesAndHealthPort() {
    vars.put("JOB_QUEUE_PREFIX", "lab a");
    vars.put("JOB_LEASE_SECONDS", "1");
    vars.put("JOB_MAX_DELIVERIES", "0");
    vars.put("JOB_WORKER_HEALTH_PORT", "70000");

    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactlyInAnyOrder("JOB_QUEUE_PREFIX",
        "JOB_LEASE_SECONDS", "JOB_MAX_DELIVERIES", "JOB_WORKER_HEALTH_PORT");

    vars.put("JOB_QUEUE_PREFIX", "lab-a.v1");
    vars.put("JOB_LEASE_SECONDS", "10");
    vars.put("JOB_MAX_DELIVERIES", "4");
    vars.put("JOB_WORKER_HEALTH_PORT", "0");
    ConfigReport ok = load();
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.config().jobs().queue()).isEqualTo(new JobSettings.Queue("lab-a.v1", java.time.Duration.ofSeconds(10), 4, 0));
  }

  @Test
  void givenAMissingOrNonCertificateBrokerCa_load_flagsIt_andACaWithAPlainBrokerIsAWarning() throws IOException {
    vars.put("JOB_BACKEND", "queue");
    vars.put("JOB_BROKER_URL", "rediss://127.0.0.1:6380/0");
    vars.put("JOB_BROKER_TLS_CA_FILE", tmp.resolve("absent-ca.pem").toString());
    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactly("JOB_BROKER_TLS_CA_FILE");

    vars.put("JOB_BROKER_TLS_CA_FILE", Files.writeString(tmp.resolve("not-a-ca.pem"), "hello").toString());
    ConfigReport notACertificate = load();
    assertThat(notACertificate.errors()).extracting(ConfigProblem::variable).containsExactly("JOB_BROKER_TLS_CA_FILE");
    assertThat(notACertificate.errors().get(0).message()).contains("no PEM X.509 certificate");

    vars.put("JOB_BROKER_TLS_CA_FILE", Files.writeString(tmp.resolve("ca.pem"), TEST_CA).toString());
    assertThat(load().errors()).isEmpty();
    vars.put("JOB_BROKER_URL", "redis://127.0.0.1:6379/0");
    ConfigReport plain = load();
    assertThat(plain.errors()).isEmpty();
    assertThat(plain.warnings()).extracting(ConfigProblem::variable).contains("JOB_BROKER_TLS_CA_FILE");
  }

  @Test
  void givenEagerQueueInStaging_load_refusesEagerMode() {
    vars.put("ENVIRONMENT", "staging");
    vars.put("AUDIT_SIGNING_KEY", SIGNING_KEY);
    vars.put("AUTH_ISSUER_URL", "https://idp.example.org");
    vars.put("AUTH_AUDIENCE", "bridge");
    vars.put("JOB_BACKEND", "queue");
    vars.put("JOB_BROKER_URL", "rediss://127.0.0.1:6380/0");
    vars.put("CELERY_TASK_ALWAYS_EAGER", "true");

    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactly("JOB_EAGER");
  }

  @Test
  void givenRegistryBelowARegularFile_load_reportsUnwritableRegistry() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    vars.put("JOB_REGISTRY_PATH", file.resolve("jobs/registry.db").toString());

    ConfigReport report = load();

    assertThat(hasError(report, "JOB_REGISTRY_PATH")).isTrue();
  }

  @Test
  void givenMissingAndNonDirectoryModelPaths_load_reportsEachEntry() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    vars.put("MCP_MODEL_SEARCH_PATHS", tmp.resolve("models") + ":" + tmp.resolve("absent") + ":" + file);

    ConfigReport report = load();

    assertThat(report.errors()).extracting(ConfigProblem::value)
        .containsExactlyInAnyOrder(tmp.resolve("absent").toString(), file.toString());
  }

  @Test
  void givenS3AuditWithoutDetails_load_requiresBucketRegionModeAndDays() {
    vars.put("AUDIT_STORAGE_BACKEND", "s3");

    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactlyInAnyOrder(
        "AUDIT_S3_BUCKET", "AUDIT_S3_REGION", "AUDIT_S3_OBJECT_LOCK_MODE", "AUDIT_S3_OBJECT_LOCK_DAYS");
  }

  @Test
  void givenS3AuditWithBadModeAndZeroDays_load_reportsBoth() {
    vars.put("AUDIT_STORAGE_BACKEND", "s3");
    vars.put("AUDIT_S3_BUCKET", "audit");
    vars.put("AUDIT_S3_REGION", "us-east-1");
    vars.put("AUDIT_S3_OBJECT_LOCK_MODE", "forever");
    vars.put("AUDIT_S3_OBJECT_LOCK_DAYS", "0");

    assertThat(load().errors()).extracting(ConfigProblem::variable)
        .containsExactlyInAnyOrder("AUDIT_S3_OBJECT_LOCK_MODE", "AUDIT_S3_OBJECT_LOCK_DAYS");
  }

  @Test
  void givenAuditDisabledInProduction_load_refuses() {
    vars.put("ENVIRONMENT", "production");
    vars.put("AUTH_ISSUER_URL", "https://idp.example.org");
    vars.put("AUTH_AUDIENCE", "bridge");
    vars.put("AUDIT_ENABLED", "false");

    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactly("AUDIT_ENABLED");
  }

  @Test
  void givenMalformedNumbersBooleansAndUrls_load_reportsEach() {
    vars.put("PORT", "eighty");
    vars.put("JOB_TIMEOUT_SECONDS", "0");
    vars.put("AUTH_ALLOW_ANONYMOUS", "maybe");
    vars.put("AUTH_JWKS_URL", "not a url");
    vars.put("LOG_LEVEL", "LOUD");

    assertThat(load().errors()).extracting(ConfigProblem::variable).containsExactlyInAnyOrder(
        "PORT", "JOB_TIMEOUT_SECONDS", "AUTH_ALLOW_ANONYMOUS", "AUTH_JWKS_URL", "LOG_LEVEL");
  }

  @Test
  void givenOriginWithPath_load_rejectsIt() {
    vars.put("MCP_ALLOWED_ORIGINS", "https://console.example.org, https://evil.example.org/path");

    assertThat(load().errors()).extracting(ConfigProblem::value).containsExactly("https://evil.example.org/path");
  }

  @Test
  void givenDefaults_load_acceptsTheFourAsymmetricAlgorithmsAndNoMapping() {
    AuthSettings auth = load().requireValid().auth();

    assertThat(auth.allowedAlgorithms()).containsExactly("RS256", "PS256", "ES256", "EdDSA");
    assertThat(auth.rolesClaim()).isEmpty();
    assertThat(auth.roleMapping()).isEmpty();
  }

  @Test
  void givenAlgorithmsInAnyCase_load_canonicalisesThem() {
    vars.put("AUTH_ALLOWED_ALGORITHMS", "rs256, eddsa,ES384");

    assertThat(load().requireValid().auth().allowedAlgorithms()).containsExactly("RS256", "EdDSA", "ES384");
  }

  @Test
  void givenSymmetricNoneOrUnknownAlgorithm_load_reportsEach() {
    vars.put("AUTH_ALLOWED_ALGORITHMS", "RS256,HS256,none,XYZ");

    assertThat(load().errors()).filteredOn(p -> p.variable().equals("AUTH_ALLOWED_ALGORITHMS"))
        .extracting(ConfigProblem::message)
        .anySatisfy(m -> assertThat(m).contains("HS256 is symmetric"))
        .anySatisfy(m -> assertThat(m).contains("none"))
        .anySatisfy(m -> assertThat(m).contains("XYZ"));
  }

  @Test
  void givenRolesClaimAndMapping_load_parsesThem() {
    vars.put("AUTH_ROLES_CLAIM", "groups");
    vars.put("AUTH_ROLE_MAPPING", "lab-admin=admin, lab-user=operator,https://x.example/ro=viewer");

    AuthSettings auth = load().requireValid().auth();

    assertThat(auth.rolesClaim()).contains("groups");
    assertThat(auth.roleMapping()).containsExactly(Map.entry("lab-admin", io.mcpbridge.core.model.Role.ADMIN),
        Map.entry("lab-user", io.mcpbridge.core.model.Role.OPERATOR),
        Map.entry("https://x.example/ro", io.mcpbridge.core.model.Role.VIEWER));
  }

  @Test
  void givenMalformedMapping_load_reportsEachEntry() {
    vars.put("AUTH_ROLE_MAPPING", "lab-admin=superuser,novalue,=admin,a=viewer,a=admin");

    assertThat(load().errors()).filteredOn(p -> p.variable().equals("AUTH_ROLE_MAPPING")).hasSize(4);
  }

  @Test
  void givenIssuerWithoutAudienceInDevelopment_load_requiresTheAudience() {
    vars.put("AUTH_ISSUER_URL", "http://127.0.0.1:8080/realms/lab");

    assertThat(hasError(load(), "AUTH_AUDIENCE")).isTrue();
  }

  @Test
  void catalog_documentsEveryVariableOfTheDesign() {
    assertThat(ConfigCatalog.all()).extracting(SettingDefinition::name).contains(
        "ENVIRONMENT", "AUTH_ISSUER_URL", "AUTH_AUDIENCE", "AUTH_JWKS_URL", "AUTH_JWKS_CACHE_SECONDS",
        "AUTH_CLOCK_SKEW_SECONDS", "AUTH_RATE_LIMIT_PER_MINUTE", "AUTH_REPLAY_WINDOW_SECONDS",
        "AUTH_ALLOW_ANONYMOUS", "AUTH_DEV_SECRET", "AUTH_ALLOWED_ALGORITHMS", "AUTH_ROLES_CLAIM", "AUTH_ROLE_MAPPING", "JOB_BACKEND", "JOB_WORKER_THREADS",
        "JOB_TIMEOUT_SECONDS", "JOB_MAX_RETRIES", "JOB_RETENTION_SECONDS", "JOB_BROKER_URL",
        "JOB_REGISTRY_PATH", "MCP_MODEL_SEARCH_PATHS", "AUDIT_ENABLED", "AUDIT_STORAGE_BACKEND",
        "AUDIT_STORAGE_PATH", "AUDIT_S3_BUCKET", "AUDIT_S3_PREFIX", "AUDIT_S3_REGION",
        "AUDIT_S3_ENDPOINT", "AUDIT_S3_OBJECT_LOCK_MODE", "AUDIT_S3_OBJECT_LOCK_DAYS",
        "AUDIT_S3_KMS_KEY_ID", "AUDIT_VERIFY_LOOKBACK_DAYS", "POPULATION_STORAGE_PATH",
        "POPULATION_RETENTION_SECONDS", "HOST", "PORT", "LOG_LEVEL", "SERVICE_NAME");
  }

  @Test
  void givenProductionWithoutSigningKey_load_requiresOne() {
    vars.put("ENVIRONMENT", "production");

    assertThat(hasError(load(), "AUDIT_SIGNING_KEY")).isTrue();
  }

  @Test
  void givenDevelopmentWithoutSigningKey_load_acceptsGeneratedKey() {
    vars.put("ENVIRONMENT", "development");

    assertThat(hasError(load(), "AUDIT_SIGNING_KEY")).isFalse();
  }

  @Test
  void givenMalformedSigningKey_load_reportsItMasked() {
    vars.put("AUDIT_SIGNING_KEY", "bm90LWEta2V5");

    ConfigReport report = load();

    assertThat(report.errors()).filteredOn(p -> p.variable().equals("AUDIT_SIGNING_KEY")).singleElement()
        .satisfies(p -> assertThat(p.describe()).doesNotContain("bm90LWEta2V5").contains("Ed25519"));
  }

  @Test
  void givenCheckpointSettings_load_parsesThem() {
    vars.put("AUDIT_CHECKPOINT_EVERY", "250");
    vars.put("AUDIT_CHECKPOINT_SECONDS", "5");

    AuditSettings audit = load().config().audit();

    assertThat(audit.checkpointEvery()).isEqualTo(250);
    assertThat(audit.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
  }
}
