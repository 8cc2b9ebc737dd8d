package io.mcpbridge.core.config;

import io.mcpbridge.core.port.ConfigSource;
import java.util.Objects;

/**
 * The whole typed configuration of a bridge process, one record per consumer. Built only by
 * launchers, from a {@link ConfigSource}; see {@link #load(ConfigSource)}.
 *
 * @param server serving process
 * @param auth token verification
 * @param jobs job execution
 * @param registry durable registry
 * @param models model allow-list
 * @param audit audit trail
 * @param population population runs
 * @param metrics the Prometheus scrape endpoint
 * @param console the web console
 */
public record AppConfig(
    ServerSettings server,
    AuthSettings auth,
    JobSettings jobs,
    RegistrySettings registry,
    ModelSettings models,
    AuditSettings audit,
    PopulationSettings population,
    MetricsSettings metrics,
    ConsoleSettings console) {
  public AppConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(console, "console");
  }

  /** The same configuration without a console (for launchers and tests that serve none). */
  public AppConfig(ServerSettings server, AuthSettings auth, JobSettings jobs, RegistrySettings registry,
      ModelSettings models, AuditSettings audit, PopulationSettings population, MetricsSettings metrics) {
    this(server, auth, jobs, registry, models, audit, population, metrics, ConsoleSettings.disabled());
  }

  /**
   * Reads and validates every variable at once.
   *
   * @param source where variables come from
   * @return the configuration (malformed values replaced by defaults), every problem found, and
   *     the effective values with their origins; never throws for bad values
   */
  public static ConfigReport load(ConfigSource source) {
    return new AppConfigParser(source).parse();
  }
}
