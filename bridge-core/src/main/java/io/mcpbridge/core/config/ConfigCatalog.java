package io.mcpbridge.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configuration variable the bridge reads, in documentation order. */
public final class ConfigCatalog {
  private static final Map<String, SettingDefinition> BY_NAME = new LinkedHashMap<>();

  static {
    String server = "Server";
    define(server, "ENVIRONMENT", "development", "Deployment environment: development, local, test, staging or production.",
        "one of the five names; staging/production require OIDC, durable audit and forbid development shortcuts");
    define(server, "HOST", "127.0.0.1", "Address the HTTP server binds to (use 0.0.0.0 in a container).", "non-empty host name or address");
    define(server, "PORT", "8000", "TCP port of the HTTP server (0 picks a free port).", "integer 0–65535");
    define(server, "SERVICE_NAME", "mcp-bridge", "Name reported in /health, logs and audit events.", "non-empty");
    define(server, "LOG_LEVEL", "INFO", "Root log level.", "TRACE, DEBUG, INFO, WARN or ERROR");
    define(server, "LOG_FORMAT", null, "Log line format; default json in staging/production, text otherwise.", "json or text");
    define(server, "HTTP_MAX_REQUEST_BYTES", "1048576", "Largest accepted request body; larger bodies get 413.", "integer 1024–268435456");
    define(server, "MCP_ALLOWED_ORIGINS", null, "Comma-separated browser origins allowed to call /mcp (Origin check); empty allows only same-host requests without Origin.", "comma-separated http(s) origins");

    String auth = "Authentication";
    define(auth, "AUTH_ISSUER_URL", null, "OIDC issuer; its /.well-known/openid-configuration is used for discovery.", "absolute http(s) URL; required in staging/production");
    define(auth, "AUTH_AUDIENCE", null, "Expected `aud` of access tokens (and of development tokens, default mcp-bridge).",
        "non-empty; required in staging/production and whenever AUTH_ISSUER_URL or AUTH_JWKS_URL is set");
    define(auth, "AUTH_JWKS_URL", null, "JWKS endpoint; discovered from the issuer when unset.", "absolute http(s) URL");
    define(auth, "AUTH_JWKS_CACHE_SECONDS", "900", "How long fetched signing keys are cached.", "integer 60–86400");
    define(auth, "AUTH_CLOCK_SKEW_SECONDS", "60", "Leeway for exp, nbf and iat.", "integer 0–600");
    define(auth, "AUTH_RATE_LIMIT_PER_MINUTE", "600", "Requests per minute per principal, and per client address for anonymous calls and failed authentications (0 = off); over the limit: 429 with Retry-After.", "integer 0–1000000");
    define(auth, "AUTH_REPLAY_WINDOW_SECONDS", "300", "Memory of single-use token ids (tokens with `\"single_use\": true`) beyond their expiry; ordinary tokens are never replay-checked.",
        "integer 0–86400");
    define(auth, "AUTH_ALLOW_ANONYMOUS", "false", "Let unauthenticated callers act as viewer (development only).", "boolean; refused in staging/production");
    define(auth, "AUTH_ALLOWED_ALGORITHMS", "RS256,PS256,ES256,EdDSA", "Comma-separated JWS algorithms accepted from the OIDC issuer.",
        "RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA; symmetric (HS*) and none are refused");
    define(auth, "AUTH_ROLES_CLAIM", null, "Claim holding role names, instead of `roles` (a dotted path like `realm_access.roles` is followed).",
        "claim name or dotted path");
    define(auth, "AUTH_ROLE_MAPPING", null, "Identity-provider role or scope names to bridge roles, e.g. `lab-admin=admin,lab-user=operator`; "
        + "when set it is the complete mapping (viewer/operator/admin count only if listed).",
        "comma-separated name=role pairs; role is viewer, operator or admin");
    defineSecret(auth, "AUTH_DEV_SECRET", "HS256 secret for development tokens (`bridge token mint`).",
        "at least 32 bytes; refused unless ENVIRONMENT is development, local or test");

    define(auth, "AUTH_CONSOLE_CLIENT_ID", null, "OIDC client the web console signs people in with (authorization code with PKCE; "
        + "redirect URI `<console URL>/console/callback`).", "non-empty; required when CONSOLE_ENABLED and AUTH_ISSUER_URL are set");
    defineSecret(auth, "AUTH_CONSOLE_CLIENT_SECRET", "Secret of AUTH_CONSOLE_CLIENT_ID when it is a confidential client (a public client with PKCE needs none).",
        "non-empty; only with AUTH_CONSOLE_CLIENT_ID");

    String console = "Console";
    define(console, "CONSOLE_ENABLED", "false", "Serve the web console at `/console` (sign-in, models, simulations, runs, results, jobs, audit).",
        "boolean; needs AUTH_ISSUER_URL with AUTH_CONSOLE_CLIENT_ID, or AUTH_DEV_SECRET");
    define(console, "CONSOLE_SESSION_TTL_SECONDS", "3600", "Longest life of a console session; it ends earlier when its access token expires.",
        "integer 60–86400");
    define(console, "CONSOLE_MAX_SESSIONS", "1000", "Console sessions held in memory at once; beyond it the oldest is signed out.",
        "integer 1–100000");
    define(console, "CONSOLE_COOKIE_SECURE", "false", "Mark console cookies Secure even for plain-HTTP requests (behind a TLS-terminating proxy); "
        + "requests over TLS always get Secure cookies.", "boolean");
    define(console, "CONSOLE_PUBLIC_URL", null, "External base URL of the server (e.g. https://bridge.example.org) for the sign-in redirect; "
        + "default: the scheme and Host of each request.", "absolute http(s) URL without a path");

    String jobs = "Jobs";
    define(jobs, "JOB_BACKEND", "thread", "Where jobs run: thread (in-process) or queue (Redis/RabbitMQ workers); celery is an alias of queue.",
        "thread, queue or celery");
    define(jobs, "JOB_WORKER_THREADS", "2", "Concurrent simulations per process.", "integer 1–64");
    define(jobs, "JOB_TIMEOUT_SECONDS", "300", "Default time limit of a job.", "integer 1–604800");
    define(jobs, "JOB_MAX_RETRIES", "0", "Retries of a job after a retryable failure.", "integer 0–10");
    define(jobs, "JOB_RETENTION_SECONDS", "604800", "How long finished jobs and results are kept.", "integer 60–31536000");
    defineSecret(jobs, "JOB_BROKER_URL", "Broker of the queue backend.",
        "redis://, rediss://, amqp:// or amqps:// URL; required for queue/celery; plain text warned in production", "CELERY_BROKER_URL");
    defineSecret(jobs, "JOB_RESULT_BACKEND", "Result channel of the queue backend (defaults to the broker).",
        "redis://, rediss://, amqp:// or amqps:// URL", "CELERY_RESULT_BACKEND");
    define(jobs, "JOB_BROKER_TLS_CA_FILE", null, "CA bundle used to verify a TLS broker.", "readable file");
    define(jobs, "JOB_EAGER", "false", "Run queue jobs inline in the submitting process (tests only).",
        "boolean; refused in staging/production", "CELERY_TASK_ALWAYS_EAGER");
    define(jobs, "JOB_QUEUE_PREFIX", "mcp-bridge", "Prefix of every broker key/stream of this deployment (several deployments may share one broker).",
        "1–64 characters of letters, digits, '.', '_' or '-'");
    define(jobs, "JOB_LEASE_SECONDS", "30", "How long a queue worker holds a job without a heartbeat before another worker takes it over.",
        "integer 2–3600");
    define(jobs, "JOB_MAX_DELIVERIES", "3", "Deliveries of one queue message that did not finish (worker crashes) before it is dead-lettered and its job failed.",
        "integer 1–100");
    define(jobs, "JOB_WORKER_HEALTH_PORT", "8001", "Port of `bridge worker`'s own /health, on HOST (0 picks a free port).",
        "integer 0–65535");
    define(jobs, "JOB_REGISTRY_PATH", "var/jobs/registry.db", "SQLite file holding jobs, events, specs, results and idempotency keys.",
        "its directory must be creatable and writable; warned when on tmpfs");

    String models = "Models";
    define(models, "MCP_MODEL_SEARCH_PATHS", "models", "Colon-separated allow-list of directories models may be loaded from.",
        "every entry must exist and be a directory");
    define(models, "MODEL_MAX_BYTES", "67108864", "Largest model file accepted.", "integer 1024–1073741824");

    String audit = "Audit";
    define(audit, "AUDIT_ENABLED", "true", "Record the audit trail.", "boolean; false refused in production");
    define(audit, "AUDIT_STORAGE_BACKEND", "local", "Where audit events go: local (hash-chained JSONL) or s3 (Object Lock).", "local or s3");
    define(audit, "AUDIT_STORAGE_PATH", "var/audit", "Directory of the local audit trail.", "must be creatable and writable when the backend is local");
    define(audit, "AUDIT_READ_EVENTS", "async",
        "Read-only tool calls: async queues their audit event in chain order without delaying the response (a crash may "
            + "lose the last few read events); sync stores it first. Mutating calls and job transitions are always stored "
            + "before the response.", "async or sync");
    define(audit, "AUDIT_FAIL_MODE", "closed", "When the audit store fails: closed refuses mutating tools, open carries on (not in production).",
        "closed or open; open refused in production");
    defineSecret(audit, "AUDIT_SIGNING_KEY", "Ed25519 private key (PKCS#8, base64) signing audit checkpoints; generated on first start in development, local and test.",
        "base64 PKCS#8 Ed25519 key; required in staging/production");
    define(audit, "AUDIT_CHECKPOINT_EVERY", "1000", "A signed checkpoint is written after this many events (and at every clean close).",
        "integer 1–1000000");
    define(audit, "AUDIT_CHECKPOINT_SECONDS", "60", "A signed checkpoint is written when events have waited this long without one.",
        "integer 1–86400");
    define(audit, "AUDIT_S3_BUCKET", null, "Bucket of the S3 audit trail (Object Lock enabled).", "required when the backend is s3");
    define(audit, "AUDIT_S3_PREFIX", "audit-trail", "Key prefix of audit objects.", "no leading slash");
    define(audit, "AUDIT_S3_REGION", null, "Region of the bucket.", "required when the backend is s3");
    define(audit, "AUDIT_S3_ENDPOINT", null, "Endpoint override for S3-compatible servers (path-style).", "absolute http(s) URL", "AUDIT_S3_ENDPOINT_URL");
    define(audit, "AUDIT_S3_OBJECT_LOCK_MODE", null, "Object Lock mode of written objects.", "governance or compliance; required when the backend is s3");
    define(audit, "AUDIT_S3_OBJECT_LOCK_DAYS", null, "Retention of written objects in days.", "positive integer; required when the backend is s3");
    define(audit, "AUDIT_S3_KMS_KEY_ID", null, "KMS key for SSE-KMS encryption of audit objects.", "key id or ARN");
    define(audit, "AUDIT_VERIFY_LOOKBACK_DAYS", "1", "Days checked by `bridge audit verify --lookback`.", "integer 1–3650");

    String metrics = "Metrics";
    define(metrics, "METRICS_ENABLED", "true", "Collect Prometheus metrics and serve them at `GET /metrics` (not behind tool authentication).",
        "boolean");
    define(metrics, "METRICS_PORT", "0", "0 serves `/metrics` on the server's own port; another port gives it a separate listener on HOST "
        + "(so it can be firewalled apart, and the only choice for `bridge worker`).", "integer 0–65535; must differ from PORT");
    defineSecret(metrics, "METRICS_TOKEN", "Bearer token a scraper must present at `/metrics` (Prometheus `authorization` in its scrape config).",
        "at least 16 bytes; warned when unset in staging/production");

    String population = "Populations";
    define(population, "POPULATION_STORAGE_PATH", "var/population-results", "Directory for population result chunks.", "must be creatable and writable");
    define(population, "POPULATION_RETENTION_SECONDS", "604800", "How long population results are kept.", "integer 60–31536000");
    define(population, "POPULATION_CHUNK_SIZE", "100", "Individuals per chunk when `JOB_BACKEND=queue` splits a population across "
        + "workers: each chunk is one job message (its individuals' values) and one report (their time series, 4 bytes per "
        + "value). Smaller chunks spread better over workers; larger ones cost fewer messages.", "integer 1–10000");
  }

  private ConfigCatalog() {}

  private static void define(String area, String name, String def, String meaning, String rule, String... aliases) {
    BY_NAME.put(name, new SettingDefinition(name, Optional.ofNullable(def), false, List.of(aliases), area, meaning, rule));
  }

  private static void defineSecret(String area, String name, String meaning, String rule, String... aliases) {
    BY_NAME.put(name, new SettingDefinition(name, Optional.empty(), true, List.of(aliases), area, meaning, rule));
  }

  /** All definitions in documentation order. */
  public static List<SettingDefinition> all() {
    return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
  }

  /** The definition of a variable; fails for names not in the catalog (a programming error). */
  public static SettingDefinition get(String name) {
    SettingDefinition d = BY_NAME.get(name);
    if (d == null) {
      throw new IllegalArgumentException("no such configuration variable: " + name);
    }
    return d;
  }
}
