package io.mcpbridge.core.config;

import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.ConfigSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the settings records from raw variables; cross-variable rules live in {@link ConfigRules}. */
final class AppConfigParser {
  private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");
  static final Set<String> BROKER_SCHEMES = Set.of("redis", "rediss", "amqp", "amqps");

  private final ConfigReader in;

  AppConfigParser(ConfigSource source) {
    this.in = new ConfigReader(source);
  }

  ConfigReport parse() {
    ServerSettings server = server();
    AppConfig config = new AppConfig(server, auth(), jobs(), registry(), models(), audit(), population(), metrics(),
        console());
    new ConfigRules(in, config).check();
    return new ConfigReport(config, in.problems(), in.effective());
  }

  private ServerSettings server() {
    Environment env = in.choice("ENVIRONMENT", Environment::parse,
        "development, local, test, staging, production", Environment.DEVELOPMENT);
    String host = in.string("HOST");
    int port = in.integer("PORT", 0, 65535);
    String serviceName = in.string("SERVICE_NAME");
    String level = in.choice("LOG_LEVEL", AppConfigParser::logLevel, "TRACE, DEBUG, INFO, WARN, ERROR", "INFO");
    ServerSettings.LogFormat defaultFormat =
        env.isProtected() ? ServerSettings.LogFormat.JSON : ServerSettings.LogFormat.TEXT;
    ServerSettings.LogFormat format = in.choice("LOG_FORMAT",
        v -> enumValue(ServerSettings.LogFormat.class, v), "json, text", defaultFormat);
    int maxBody = in.integer("HTTP_MAX_REQUEST_BYTES", 1024, 268_435_456);
    List<String> origins = commaList(in.optional("MCP_ALLOWED_ORIGINS").orElse(""));
    return new ServerSettings(env, host, port, serviceName, level, format, maxBody, origins);
  }

  private AuthSettings auth() {
    Optional<URI> issuer = in.url("AUTH_ISSUER_URL", HTTP_SCHEMES);
    Optional<String> audience = in.optional("AUTH_AUDIENCE");
    Optional<URI> jwks = in.url("AUTH_JWKS_URL", HTTP_SCHEMES);
    Duration cache = Duration.ofSeconds(in.integer("AUTH_JWKS_CACHE_SECONDS", 60, 86_400));
    Duration skew = Duration.ofSeconds(in.integer("AUTH_CLOCK_SKEW_SECONDS", 0, 600));
    int rate = in.integer("AUTH_RATE_LIMIT_PER_MINUTE", 0, 1_000_000);
    Duration replay = Duration.ofSeconds(in.integer("AUTH_REPLAY_WINDOW_SECONDS", 0, 86_400));
    boolean anonymous = in.bool("AUTH_ALLOW_ANONYMOUS");
    Optional<Secret> devSecret = in.secret("AUTH_DEV_SECRET");
    Set<String> algorithms = algorithms(in.string("AUTH_ALLOWED_ALGORITHMS"));
    Optional<String> rolesClaim = in.optional("AUTH_ROLES_CLAIM");
    Map<String, Role> mapping = roleMapping(in.optional("AUTH_ROLE_MAPPING").orElse(""));
    return new AuthSettings(issuer, audience, jwks, cache, skew, rate, replay, anonymous, devSecret,
        algorithms, rolesClaim, mapping);
  }

  /** Asymmetric JWS algorithms by their canonical names (JWS names are case-sensitive; config is not). */
  private static final List<String> ASYMMETRIC_ALGORITHMS = List.of(
      "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

  private Set<String> algorithms(String raw) {
    Set<String> result = new LinkedHashSet<>();
    int problemsBefore = in.problems().size();
    for (String name : commaList(raw)) {
      Optional<String> canonical = ASYMMETRIC_ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(name)).findFirst();
      if (canonical.isPresent()) {
        result.add(canonical.get());
      } else if (name.toUpperCase(Locale.ROOT).startsWith("HS")) {
        in.error("AUTH_ALLOWED_ALGORITHMS", raw, name + " is symmetric: the issuer's public keys cannot verify it "
            + "(development tokens use AUTH_DEV_SECRET instead)");
      } else if (name.equalsIgnoreCase("none")) {
        in.error("AUTH_ALLOWED_ALGORITHMS", raw, "unsigned tokens (none) are never accepted");
      } else {
        in.error("AUTH_ALLOWED_ALGORITHMS", raw, name + " is not one of " + String.join(", ", ASYMMETRIC_ALGORITHMS));
      }
    }
    if (result.isEmpty()) {
      if (in.problems().size() == problemsBefore) {
        in.error("AUTH_ALLOWED_ALGORITHMS", raw, "names no algorithm");
      }
      return AuthSettings.DEFAULT_ALGORITHMS;
    }
    return result;
  }

  private Map<String, Role> roleMapping(String raw) {
    Map<String, Role> mapping = new LinkedHashMap<>();
    for (String pair : commaList(raw)) {
      int eq = pair.lastIndexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        in.error("AUTH_ROLE_MAPPING", raw, "entry '" + pair + "' is not name=role");
        continue;
      }
      String name = pair.substring(0, eq).trim();
      String roleName = pair.substring(eq + 1).trim();
      Optional<Role> role = Role.parse(roleName);
      if (role.isEmpty()) {
        in.error("AUTH_ROLE_MAPPING", raw, "entry '" + pair + "' maps to '" + roleName + "', not viewer, operator or admin");
      } else if (mapping.containsKey(name) && mapping.get(name) != role.get()) {
        in.error("AUTH_ROLE_MAPPING", raw, "'" + name + "' is mapped twice, to different roles");
      } else {
        mapping.put(name, role.get());
      }
    }
    return mapping;
  }

  private JobSettings jobs() {
    JobSettings.Backend backend = in.choice("JOB_BACKEND", AppConfigParser::jobBackend,
        "thread, queue, celery", JobSettings.Backend.THREAD);
    int threads = in.integer("JOB_WORKER_THREADS", 1, 64);
    Duration timeout = Duration.ofSeconds(in.integer("JOB_TIMEOUT_SECONDS", 1, 604_800));
    int retries = in.integer("JOB_MAX_RETRIES", 0, 10);
    Duration retention = Duration.ofSeconds(in.integer("JOB_RETENTION_SECONDS", 60, 31_536_000));
    Optional<Secret> broker = in.url("JOB_BROKER_URL", BROKER_SCHEMES).map(u -> in.secret("JOB_BROKER_URL").orElseThrow());
    Optional<Secret> results = in.url("JOB_RESULT_BACKEND", BROKER_SCHEMES).map(u -> in.secret("JOB_RESULT_BACKEND").orElseThrow());
    Optional<Path> ca = in.optional("JOB_BROKER_TLS_CA_FILE").map(Path::of);
    boolean eager = in.bool("JOB_EAGER");
    String prefix = in.string("JOB_QUEUE_PREFIX");
    if (!prefix.matches("[A-Za-z0-9._-]{1,64}")) {
      in.error("JOB_QUEUE_PREFIX", prefix, "must be 1–64 letters, digits, '.', '_' or '-'");
    }
    Duration lease = Duration.ofSeconds(in.integer("JOB_LEASE_SECONDS", 2, 3600));
    int deliveries = in.integer("JOB_MAX_DELIVERIES", 1, 100);
    int healthPort = in.integer("JOB_WORKER_HEALTH_PORT", 0, 65_535);
    return new JobSettings(backend, threads, timeout, retries, retention, broker, results, ca, eager,
        new JobSettings.Queue(prefix, lease, deliveries, healthPort));
  }

  private RegistrySettings registry() {
    return new RegistrySettings(Path.of(in.string("JOB_REGISTRY_PATH")));
  }

  private ModelSettings models() {
    List<Path> paths = new ArrayList<>();
    for (String entry : in.string("MCP_MODEL_SEARCH_PATHS").split(":")) {
      if (!entry.isBlank()) {
        paths.add(Path.of(entry.trim()));
      }
    }
    long maxBytes = in.integer("MODEL_MAX_BYTES", 1024, 1_073_741_824);
    return new ModelSettings(paths, maxBytes);
  }

  private AuditSettings audit() {
    boolean enabled = in.bool("AUDIT_ENABLED");
    AuditSettings.Backend backend = in.choice("AUDIT_STORAGE_BACKEND",
        v -> enumValue(AuditSettings.Backend.class, v), "local, s3", AuditSettings.Backend.LOCAL);
    Path path = Path.of(in.string("AUDIT_STORAGE_PATH"));
    AuditSettings.FailMode failMode = in.choice("AUDIT_FAIL_MODE",
        v -> enumValue(AuditSettings.FailMode.class, v), "closed, open", AuditSettings.FailMode.CLOSED);
    Optional<Secret> key = in.secret("AUDIT_SIGNING_KEY");
    AuditSettings.S3 s3 = new AuditSettings.S3(
        in.optional("AUDIT_S3_BUCKET"),
        in.string("AUDIT_S3_PREFIX"),
        in.optional("AUDIT_S3_REGION"),
        in.url("AUDIT_S3_ENDPOINT", HTTP_SCHEMES),
        in.optionalChoice("AUDIT_S3_OBJECT_LOCK_MODE", v -> enumValue(AuditSettings.LockMode.class, v),
            "governance, compliance"),
        in.optionalInteger("AUDIT_S3_OBJECT_LOCK_DAYS", 1, 36_500),
        in.optional("AUDIT_S3_KMS_KEY_ID"));
    int lookback = in.integer("AUDIT_VERIFY_LOOKBACK_DAYS", 1, 3650);
    int checkpointEvery = in.integer("AUDIT_CHECKPOINT_EVERY", 1, 1_000_000);
    Duration checkpointInterval = Duration.ofSeconds(in.integer("AUDIT_CHECKPOINT_SECONDS", 1, 86_400));
    AuditSettings.ReadEvents readEvents = in.choice("AUDIT_READ_EVENTS",
        v -> enumValue(AuditSettings.ReadEvents.class, v), "async, sync", AuditSettings.ReadEvents.ASYNC);
    return new AuditSettings(enabled, backend, path, failMode, key, s3, lookback, checkpointEvery, checkpointInterval,
        readEvents);
  }

  private MetricsSettings metrics() {
    return new MetricsSettings(in.bool("METRICS_ENABLED"), in.integer("METRICS_PORT", 0, 65535),
        in.secret("METRICS_TOKEN"));
  }

  private ConsoleSettings console() {
    return new ConsoleSettings(in.bool("CONSOLE_ENABLED"), in.optional("AUTH_CONSOLE_CLIENT_ID"),
        in.secret("AUTH_CONSOLE_CLIENT_SECRET"), Duration.ofSeconds(in.integer("CONSOLE_SESSION_TTL_SECONDS", 60, 86_400)),
        in.integer("CONSOLE_MAX_SESSIONS", 1, 100_000), in.bool("CONSOLE_COOKIE_SECURE"),
        in.url("CONSOLE_PUBLIC_URL", HTTP_SCHEMES));
  }

  private PopulationSettings population() {
    return new PopulationSettings(Path.of(in.string("POPULATION_STORAGE_PATH")),
        Duration.ofSeconds(in.integer("POPULATION_RETENTION_SECONDS", 60, 31_536_000)),
        in.integer("POPULATION_CHUNK_SIZE", 1, 10_000));
  }

  private static Optional<String> logLevel(String v) {
    return Set.of("trace", "debug", "info", "warn", "error").contains(v)
        ? Optional.of(v.toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
  }

  private static Optional<JobSettings.Backend> jobBackend(String v) {
    switch (v) {
      case "thread":
        return Optional.of(JobSettings.Backend.THREAD);
      case "queue":
      case "celery":
        return Optional.of(JobSettings.Backend.QUEUE);
      default:
        return Optional.empty();
    }
  }

  private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String v) {
    return Arrays.stream(type.getEnumConstants())
        .filter(c -> c.name().equalsIgnoreCase(v)).findFirst();
  }

  private static List<String> commaList(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
