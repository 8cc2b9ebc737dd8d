package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.ComponentHealth;
import io.mcpbridge.core.port.EngineMetrics;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobFollower;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.QueueMetrics;
import io.mcpbridge.core.service.DeadLetterRequeuer;
import io.mcpbridge.core.port.RequestMetrics;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.service.BridgeTools;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.ChunkedWork;
import io.mcpbridge.core.service.PopulationChunks;
import io.mcpbridge.core.service.JobRunner;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.core.service.ModelIndex;
import io.mcpbridge.core.service.PopulationJobWork;
import io.mcpbridge.core.service.RegistryJobFollower;
import io.mcpbridge.core.service.ToolCatalog;
import io.mcpbridge.core.service.ToolInvoker;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.BridgeMcp;
import io.mcpbridge.mcp.McpServer;
import io.mcpbridge.mcp.McpServices;
import io.mcpbridge.metrics.PrometheusMetrics;
import io.mcpbridge.plot.jfreechart.JFreeChartPlotRenderer;
import io.mcpbridge.registry.sqlite.SqliteJobRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything behind the edges of a process that owns the registry: engine, registry, audit trail,
 * job backend, tools; built from the configuration by small wiring classes ({@link EngineWiring},
 * {@link AuditWiring}, {@link JobBackendWiring}), each command taking only the parts it uses (see
 * {@link Use}). {@code worker} builds none of this (see {@link WorkerWiring}); {@code call --server}
 * only speaks HTTP. Closing releases resources in reverse creation order.
 */
final class BridgeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeRuntime.class);
  private static final long RETENTION_SWEEP_MINUTES = 10;

  /** What a command needs beyond the tools and their jobs. */
  enum Use {
    /** {@code bridge serve}: metrics (unless METRICS_ENABLED=false) and retention sweeps. */
    SERVE(true, true),
    /** {@code bridge mcp}: long-running, so retention sweeps; no metrics export. */
    STDIO(false, true),
    /** {@code bridge call}: one tool call (and its job), then exit. */
    ONE_SHOT(false, false);

    final boolean exportsMetrics;
    final boolean sweepsRetention;

    Use(boolean exportsMetrics, boolean sweepsRetention) {
      this.exportsMetrics = exportsMetrics;
      this.sweepsRetention = sweepsRetention;
    }
  }

  final AppConfig config;
  final Clock clock;
  final JobRegistry registry;
  final AuditSink audit;
  final JobNotifier notifier;
  /** How the edges follow a job: the registry, woken by {@link #notifier}. */
  final JobFollower follower;
  final ToolInvoker tools;
  private final PopulationJobStore populations;
  /** Dependencies /health reports besides the audit trail (the job broker with JOB_BACKEND=queue). */
  final List<ComponentHealth> health;
  /** The process's metrics; empty when METRICS_ENABLED=false or the command exports none. */
  final Optional<PrometheusMetrics> metrics;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  private BridgeRuntime(AppConfig config, Clock clock, Use use) {
    this.config = config;
    this.clock = clock;
    this.metrics = use.exportsMetrics && config.metrics().enabled()
        ? Optional.of(own(PrometheusMetrics.withProcessMetrics())) : Optional.empty();
    RequestMetrics requestMetrics = metrics.<RequestMetrics>map(PrometheusMetrics::requests).orElse(NoMetrics.INSTANCE);
    JobMetrics jobMetrics = metrics.<JobMetrics>map(PrometheusMetrics::jobs).orElse(NoMetrics.INSTANCE);
    EngineMetrics engineMetrics = metrics.<EngineMetrics>map(PrometheusMetrics::engine).orElse(NoMetrics.INSTANCE);
    SimulationEngine engine = EngineWiring.engine(config);
    own(RegistryOwnerLock.acquire(config.registry().path()));
    this.registry = own(SqliteJobRegistry.open(config.registry().path()));
    this.audit = own(AuditWiring.open(config, clock,
        metrics.<AuditMetrics>map(PrometheusMetrics::audit).orElse(NoMetrics.INSTANCE)));
    this.populations = new PopulationJobStore(config.population().storagePath(), UnitCatalog.standard());
    // On queue workers a population runs in chunks that this process splits and gathers.
    List<ChunkedWork> chunked = List.of(new PopulationChunks(populations, engine, registry, UnitCatalog.standard(),
        config.population().chunkSize()));
    JobBackend backend = own(JobBackendWiring.open(config, registry, chunked, clock));
    this.notifier = new JobNotifier();
    this.follower = new RegistryJobFollower(registry, notifier);
    ModelAccess access = EngineWiring.models(config);
    ToolCatalog catalog = BridgeTools.withPopulations(BridgeTools.standard(access, new ModelIndex(access), engine,
        registry, backend, UnitCatalog.standard(), config.jobs().timeout(), config.jobs().maxRetries(), jobMetrics,
        clock, new JFreeChartPlotRenderer()),
        engine, registry, backend, populations, UnitCatalog.standard(), config.jobs().timeout(), clock);
    backend.start(new JobRunner(registry, engine, backend, notifier, audit, jobMetrics, engineMetrics, clock, List.of(
        new PopulationJobWork(populations, engine, UnitCatalog.standard(), config.jobs().workerThreads()))));
    jobMetrics.observe(state -> registry.jobsInStates(Set.of(state)).size());
    own(JobBackendWiring.resume(backend, config, registry, notifier, audit, metrics, chunked, clock));
    this.health = JobBackendWiring.health(backend);
    this.tools = new ToolInvoker(catalog, audit, config.audit().failMode(), config.audit().readEvents(), requestMetrics,
        clock);
    if (use.sweepsRetention) {
      scheduleRetention();
    }
    audit.append(systemEvent("system.start", Map.of("environment", config.server().environment().wireName(),
        "jobBackend", config.jobs().backend().name().toLowerCase(java.util.Locale.ROOT))));
  }

  /** The tool and job ports as MCP sees them. */
  McpServices mcpServices() {
    return new McpServices(tools, registry, follower, audit, clock);
  }

  /** An MCP protocol server over this runtime's tools. */
  McpServer mcpServer(String version) {
    return new McpServer(BridgeMcp.info(version), BridgeMcp.features(mcpServices(), BridgeJson.mapper()), BridgeJson.mapper());
  }

  /** Builds the runtime for one use; the caller closes it. */
  static BridgeRuntime start(AppConfig config, Clock clock, Use use) {
    return new BridgeRuntime(config, clock, use);
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.push(resource);
    return resource;
  }

  private void scheduleRetention() {
    ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bridge-retention");
      t.setDaemon(true);
      return t;
    });
    resources.push(sweeper::shutdownNow);
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        int purged = registry.purgeFinishedBefore(clock.instant().minus(config.jobs().retention()));
        if (purged > 0) {
          LOG.info("retention removed {} finished jobs older than {}", purged, config.jobs().retention());
        }
        int populationRuns = populations.purgeOlderThan(clock.instant().minus(config.population().retention()));
        if (populationRuns > 0) {
          LOG.info("retention removed {} population runs older than {}", populationRuns, config.population().retention());
        }
      } catch (RuntimeException e) {
        LOG.warn("retention sweep failed: {}", e.getMessage());
      }
    }, 1, RETENTION_SWEEP_MINUTES, TimeUnit.MINUTES);
  }

  private AuditEvent systemEvent(String type, Map<String, String> summary) {
    return new AuditEvent(UUID.randomUUID().toString(), clock.instant(), type, "system-" + UUID.randomUUID(),
        AuditIdentity.system(), summary, Optional.empty(), Optional.empty(), "ok", 0, Optional.empty());
  }

  @Override
  public void close() {
    try {
      audit.append(systemEvent("system.stop", Map.of()));
    } catch (RuntimeException e) {
      LOG.warn("could not record shutdown in the audit trail: {}", e.getMessage());
    }
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("error while closing: {}", e.getMessage());
      }
    }
  }
}
