package io.mcpbridge.core.config;

import io.mcpbridge.core.audit.AuditSigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Rules that span several variables or look at the file system. Adds problems to the reader. */
final class ConfigRules {
  private static final int MIN_DEV_SECRET_BYTES = 32;
  private static final int MIN_METRICS_TOKEN_BYTES = 16;

  private final ConfigReader in;
  private final AppConfig config;
  private final Environment env;

  ConfigRules(ConfigReader in, AppConfig config) {
    this.in = in;
    this.config = config;
    this.env = config.server().environment();
  }

  void check() {
    origins();
    auth();
    jobs();
    storage();
    models();
    audit();
    metrics();
    console();
  }

  private void console() {
    ConsoleSettings console = config.console();
    if (console.clientSecret().isPresent() && console.clientId().isEmpty()) {
      in.error("AUTH_CONSOLE_CLIENT_SECRET", console.clientSecret().get().reveal(), "is set without AUTH_CONSOLE_CLIENT_ID");
    }
    console.publicUrl().ifPresent(url -> {
      if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
        in.error("CONSOLE_PUBLIC_URL", url.toString(), "must be scheme, host and port only (the console lives at /console)");
      }
    });
    if (!console.enabled()) {
      return;
    }
    AuthSettings auth = config.auth();
    if (auth.issuerUrl().isPresent() && console.clientId().isEmpty()) {
      in.error("CONSOLE_ENABLED", "true", "the console signs people in through AUTH_ISSUER_URL: set AUTH_CONSOLE_CLIENT_ID");
    }
    if (auth.issuerUrl().isEmpty() && auth.devSecret().isEmpty()) {
      in.error("CONSOLE_ENABLED", "true", "nobody could sign in: set AUTH_ISSUER_URL and AUTH_CONSOLE_CLIENT_ID, or AUTH_DEV_SECRET in development");
    }
  }

  private void metrics() {
    MetricsSettings metrics = config.metrics();
    if (!metrics.enabled()) {
      return;
    }
    if (metrics.port() != 0 && metrics.port() == config.server().port()) {
      in.error("METRICS_PORT", Integer.toString(metrics.port()), "must differ from PORT (use 0 to serve /metrics on PORT)");
    }
    metrics.token().ifPresent(token -> {
      if (token.byteLength() < MIN_METRICS_TOKEN_BYTES) {
        in.error("METRICS_TOKEN", token.reveal(), "is " + token.byteLength() + " bytes; use at least "
            + MIN_METRICS_TOKEN_BYTES);
      }
    });
    if (metrics.token().isEmpty() && env.isProtected()) {
      in.warning("METRICS_TOKEN", "", "is unset: anyone who reaches /metrics can read it; set a token or keep the "
          + "metrics port off the public network");
    }
  }

  private void origins() {
    for (String origin : config.server().allowedOrigins()) {
      if (!origin.matches("https?://[^/\\s]+")) {
        in.error("MCP_ALLOWED_ORIGINS", origin, "is not an origin like https://console.example.org (scheme and host, no path)");
      }
    }
  }

  private void auth() {
    AuthSettings auth = config.auth();
    auth.devSecret().ifPresent(secret -> {
      if (!env.allowsDevelopmentShortcuts()) {
        in.error("AUTH_DEV_SECRET", secret.reveal(), "must be unset when ENVIRONMENT is " + env.wireName()
            + "; development tokens are allowed only in development, local or test");
      }
      if (secret.byteLength() < MIN_DEV_SECRET_BYTES) {
        in.error("AUTH_DEV_SECRET", secret.reveal(), "is " + secret.byteLength()
            + " bytes; HS256 needs at least " + MIN_DEV_SECRET_BYTES);
      }
    });
    if (auth.allowAnonymous() && env.isProtected()) {
      in.error("AUTH_ALLOW_ANONYMOUS", "true", "anonymous access is refused in " + env.wireName());
    }
    if (auth.oidcConfigured() && auth.audience().isEmpty() && !env.isProtected()) {
      in.error("AUTH_AUDIENCE", "", "is required whenever AUTH_ISSUER_URL or AUTH_JWKS_URL is set: without it,"
          + " tokens the issuer made for any other service would be accepted");
    }
    if (env.isProtected()) {
      if (auth.issuerUrl().isEmpty()) {
        in.error("AUTH_ISSUER_URL", "", "is required in " + env.wireName() + " (OIDC token validation)");
      }
      if (auth.audience().isEmpty()) {
        in.error("AUTH_AUDIENCE", "", "is required in " + env.wireName() + " (OIDC token validation)");
      }
      if (auth.jwksUrl().isEmpty() && auth.issuerUrl().isEmpty()) {
        in.error("AUTH_JWKS_URL", "", "is required in " + env.wireName()
            + " unless AUTH_ISSUER_URL is set for discovery");
      }
    }
  }

  private void jobs() {
    JobSettings jobs = config.jobs();
    if (jobs.backend() == JobSettings.Backend.QUEUE) {
      if (jobs.brokerUrl().isEmpty() && !in.isSet("JOB_BROKER_URL")) {
        in.error("JOB_BROKER_URL", "", "is required when JOB_BACKEND is queue or celery (redis://, rediss://, amqp:// or amqps://)");
      }
      jobs.brokerUrl().ifPresent(url -> {
        String scheme = url.reveal().substring(0, url.reveal().indexOf(':')).toLowerCase(Locale.ROOT);
        if (env == Environment.PRODUCTION && (scheme.equals("redis") || scheme.equals("amqp"))) {
          in.warning("JOB_BROKER_URL", url.reveal(), "plain-text broker connection in production; prefer rediss:// or amqps://");
        }
      });
    }
    if (jobs.eager() && env.isProtected()) {
      in.error("JOB_EAGER", "true", "eager (inline) job execution is refused in " + env.wireName());
    }
    jobs.brokerTlsCaFile().ifPresent(ca -> {
      if (!Files.isRegularFile(ca) || !Files.isReadable(ca)) {
        in.error("JOB_BROKER_TLS_CA_FILE", ca.toString(), "is not a readable file");
      } else if (!holdsCertificates(ca)) {
        in.error("JOB_BROKER_TLS_CA_FILE", ca.toString(), "holds no PEM X.509 certificate to verify the broker with");
      } else if (jobs.brokerUrl().map(u -> !u.reveal().regionMatches(true, 0, "rediss://", 0, 9)
          && !u.reveal().regionMatches(true, 0, "amqps://", 0, 8)).orElse(false)) {
        in.warning("JOB_BROKER_TLS_CA_FILE", ca.toString(), "is set but JOB_BROKER_URL is not rediss:// or amqps://: it is not used");
      }
    });
  }

  /** True if the file parses as one or more X.509 certificates (what a TLS client trusts). */
  private static boolean holdsCertificates(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return !java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty();
    } catch (java.io.IOException | java.security.cert.CertificateException e) {
      return false;
    }
  }

  private void storage() {
    Path registryDir = parentOf(config.registry().path());
    writableDirectory(registryDir).ifPresent(problem ->
        in.error("JOB_REGISTRY_PATH", config.registry().path().toString(), problem));
    if (isOnTmpfs(registryDir)) {
      in.warning("JOB_REGISTRY_PATH", config.registry().path().toString(),
          "is on tmpfs: jobs will not survive a reboot; use a persistent volume");
    }
    writableDirectory(config.population().storagePath()).ifPresent(problem ->
        in.error("POPULATION_STORAGE_PATH", config.population().storagePath().toString(), problem));
  }

  private void models() {
    if (config.models().searchPaths().isEmpty()) {
      in.error("MCP_MODEL_SEARCH_PATHS", "", "lists no directory; models could not be loaded from anywhere");
    }
    for (Path p : config.models().searchPaths()) {
      if (!Files.exists(p)) {
        in.error("MCP_MODEL_SEARCH_PATHS", p.toString(), "entry does not exist");
      } else if (!Files.isDirectory(p)) {
        in.error("MCP_MODEL_SEARCH_PATHS", p.toString(), "entry is not a directory");
      }
    }
  }

  private void signingKey(AuditSettings audit) {
    if (audit.signingKey().isEmpty()) {
      if (env.isProtected()) {
        in.error("AUDIT_SIGNING_KEY", "", "is required in " + env.wireName()
            + " (checkpoints are signed with it; a generated key is allowed only in development, local or test)");
      }
      return;
    }
    try {
      AuditSigningKeys.parsePrivate(audit.signingKey().get().reveal());
    } catch (IllegalArgumentException e) {
      in.error("AUDIT_SIGNING_KEY", audit.signingKey().get().reveal(), e.getMessage());
    }
  }

  private void audit() {
    AuditSettings audit = config.audit();
    if (!audit.enabled()) {
      if (env == Environment.PRODUCTION) {
        in.error("AUDIT_ENABLED", "false", "the audit trail cannot be disabled in production");
      }
      return;
    }
    if (audit.failMode() == AuditSettings.FailMode.OPEN && env == Environment.PRODUCTION) {
      in.error("AUDIT_FAIL_MODE", "open", "production must refuse mutating calls when the audit store fails (use closed)");
    }
    if (audit.backend() == AuditSettings.Backend.LOCAL) {
      signingKey(audit);
      writableDirectory(audit.storagePath()).ifPresent(problem ->
          in.error("AUDIT_STORAGE_PATH", audit.storagePath().toString(), problem));
      return;
    }
    AuditSettings.S3 s3 = audit.s3();
    if (s3.bucket().isEmpty()) {
      in.error("AUDIT_S3_BUCKET", "", "is required when AUDIT_STORAGE_BACKEND is s3");
    }
    if (s3.region().isEmpty()) {
      in.error("AUDIT_S3_REGION", "", "is required when AUDIT_STORAGE_BACKEND is s3");
    }
    if (s3.lockMode().isEmpty() && !in.isSet("AUDIT_S3_OBJECT_LOCK_MODE")) {
      in.error("AUDIT_S3_OBJECT_LOCK_MODE", "", "is required when AUDIT_STORAGE_BACKEND is s3 (governance or compliance)");
    }
    if (s3.lockDays().isEmpty() && !in.isSet("AUDIT_S3_OBJECT_LOCK_DAYS")) {
      in.error("AUDIT_S3_OBJECT_LOCK_DAYS", "", "is required when AUDIT_STORAGE_BACKEND is s3 (positive number of days)");
    }
  }

  private static Path parentOf(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? file.toAbsolutePath() : parent;
  }

  /** Why a directory could not be created or written, or empty if it can. Creates nothing. */
  static Optional<String> writableDirectory(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(existing + " is not a directory, so the directory cannot be created");
    }
    if (!Files.isWritable(existing)) {
      return Optional.of("directory " + existing + " is not writable");
    }
    return Optional.empty();
  }

  private static boolean isOnTmpfs(Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return false;
    }
    try {
      return "tmpfs".equals(Files.getFileStore(existing).type());
    } catch (IOException e) {
      return false;
    }
  }
}
