package io.mcpbridge.cli;

import io.mcpbridge.audit.local.LocalAuditSettings;
import io.mcpbridge.audit.local.LocalFileAuditSink;
import io.mcpbridge.audit.s3.S3AuditSettings;
import io.mcpbridge.audit.s3.S3AuditSink;
import io.mcpbridge.auth.TokenVerifiers;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.config.AuthSettings;
import io.mcpbridge.core.config.JobSettings;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.EngineMetrics;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.RequestMetrics;
import io.mcpbridge.metrics.PrometheusMetrics;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.core.service.BridgeTools;
import io.mcpbridge.core.service.JobNotifier;
import io.mcpbridge.core.service.JobReconciler;
import io.mcpbridge.core.service.JobRecovery;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.service.ChunkedWork;
import io.mcpbridge.core.service.JobReportRecorder;
import io.mcpbridge.core.service.PopulationChunks;
import io.mcpbridge.core.service.RegistryJobMessages;
import io.mcpbridge.core.service.JobRunner;
import io.mcpbridge.core.service.PopulationJobWork;
import io.mcpbridge.core.service.ModelAccess;
import io.mcpbridge.core.service.ModelIndex;
import io.mcpbridge.core.service.ToolCatalog;
import io.mcpbridge.core.service.ToolInvoker;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.jobs.queue.RedisJobBackend;
import io.mcpbridge.jobs.thread.ThreadJobBackend;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.BridgeMcp;
import io.mcpbridge.mcp.McpServer;
import io.mcpbridge.mcp.McpServices;
import io.mcpbridge.plot.jfreechart.JFreeChartPlotRenderer;
import io.mcpbridge.registry.sqlite.SqliteJobRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything behind the edges, built from the configuration: engine, registry, audit trail, job
 * backend, tools. Shared by {@code serve}, {@code call} and {@code mcp} ({@code worker} builds only
 * engine and broker, see {@link WorkerCommand}). With {@code JOB_BACKEND=queue} jobs run on workers;
 * this process records their reports and reconciles the broker with the registry. Closing releases
 * resources in reverse creation order.
 */
final class BridgeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeRuntime.class);
  private static final long RETENTION_SWEEP_MINUTES = 10;
  private static final int CACHED_MODELS = 16;
  private static final long RECONCILE_SECONDS = 2;
  private static final java.time.Duration RECONCILE_SETTLE = java.time.Duration.ofSeconds(5);

  final AppConfig config;
  final Clock clock;
  final JobRegistry registry;
  final AuditSink audit;
  final JobNotifier notifier;
  final ToolInvoker tools;
  final Optional<TokenVerifier> tokenVerifier;
  private final PopulationJobStore populations;
  /** Dependencies /health reports besides the audit trail (the job broker with JOB_BACKEND=queue). */
  final java.util.List<io.mcpbridge.core.port.ComponentHealth> health;
  /** The process's metrics; empty when METRICS_ENABLED=false or the command exports none. */
  final Optional<PrometheusMetrics> metrics;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  private BridgeRuntime(AppConfig config, Clock clock, boolean exportMetrics) {
    this.config = config;
    this.clock = clock;
    this.metrics = exportMetrics && config.metrics().enabled()
        ? Optional.of(own(PrometheusMetrics.withProcessMetrics())) : Optional.empty();
    RequestMetrics requestMetrics = metrics.<RequestMetrics>map(PrometheusMetrics::requests).orElse(NoMetrics.INSTANCE);
    JobMetrics jobMetrics = metrics.<JobMetrics>map(PrometheusMetrics::jobs).orElse(NoMetrics.INSTANCE);
    EngineMetrics engineMetrics = metrics.<EngineMetrics>map(PrometheusMetrics::engine).orElse(NoMetrics.INSTANCE);
    SimulationEngine engine = new PkmlSimulationEngine(
        new PkmlEngineSettings(config.models().maxModelBytes(), CACHED_MODELS));
    own(RegistryOwnerLock.acquire(config.registry().path()));
    this.registry = own(SqliteJobRegistry.open(config.registry().path()));
    this.audit = own(auditSink(config, clock,
        metrics.<AuditMetrics>map(PrometheusMetrics::audit).orElse(NoMetrics.INSTANCE)));
    this.populations = new PopulationJobStore(config.population().storagePath(), UnitCatalog.standard());
    // On queue workers a population runs in chunks that this process splits and gathers.
    List<ChunkedWork> chunked = List.of(new PopulationChunks(populations, engine, registry, UnitCatalog.standard(),
        config.population().chunkSize()));
    JobBackend backend = own(jobBackend(config, registry, chunked, clock));
    this.notifier = new JobNotifier();
    ModelAccess access = new ModelAccess(config.models().searchPaths(), config.models().maxModelBytes());
    ToolCatalog catalog = BridgeTools.withPopulations(BridgeTools.standard(access, new ModelIndex(access), engine,
        registry, backend, UnitCatalog.standard(), config.jobs().timeout(), config.jobs().maxRetries(), jobMetrics,
        clock, new JFreeChartPlotRenderer()),
        engine, registry, backend, populations, UnitCatalog.standard(), config.jobs().timeout(), clock);
    backend.start(new JobRunner(registry, engine, backend, notifier, audit, jobMetrics, engineMetrics, clock, List.of(
        new PopulationJobWork(populations, engine, UnitCatalog.standard(), config.jobs().workerThreads()))));
    jobMetrics.observe(state -> registry.jobsInStates(java.util.Set.of(state)).size());
    if (backend instanceof RedisJobBackend queue) {
      // Workers in other processes may still run this registry's jobs: the reconciler, not a
      // restart recovery, decides what was lost.
      JobReportRecorder recorder = new JobReportRecorder(registry, backend, notifier, audit, clock, chunked);
      queue.recordReports(recorder);
      scheduleReconciliation(new JobReconciler(registry, backend, queue, recorder, clock, RECONCILE_SETTLE,
          config.jobs().queue().lease().multipliedBy(3).plusSeconds(30)));
    } else {
      JobRecovery.Report recovered = new JobRecovery(registry, backend, clock).recover();
      if (recovered.resubmitted() + recovered.requeued() + recovered.failed() > 0) {
        LOG.info("recovered jobs after restart: {} resubmitted, {} requeued, {} failed as interrupted",
            recovered.resubmitted(), recovered.requeued(), recovered.failed());
      }
    }
    this.health = backend instanceof RedisJobBackend queue ? java.util.List.of(queue) : java.util.List.of();
    this.tools = new ToolInvoker(catalog, audit, config.audit().failMode(), config.audit().readEvents(), requestMetrics,
        clock);
    this.tokenVerifier = tokenVerifier(config.auth(), config, clock);
    scheduleRetention();
    audit.append(systemEvent("system.start", Map.of("environment", config.server().environment().wireName(),
        "jobBackend", config.jobs().backend().name().toLowerCase(java.util.Locale.ROOT))));
  }

  /** The tool and job ports as MCP sees them. */
  McpServices mcpServices() {
    return new McpServices(tools, registry, notifier, audit, clock);
  }

  /** An MCP protocol server over this runtime's tools. */
  McpServer mcpServer(String version) {
    return new McpServer(BridgeMcp.info(version), BridgeMcp.features(mcpServices(), BridgeJson.mapper()), BridgeJson.mapper());
  }

  /** Builds the runtime without exporting metrics; the caller closes it. */
  static BridgeRuntime start(AppConfig config, Clock clock) {
    return new BridgeRuntime(config, clock, false);
  }

  /** Builds the runtime of a server, with metrics unless METRICS_ENABLED=false; the caller closes it. */
  static BridgeRuntime startMeasured(AppConfig config, Clock clock) {
    return new BridgeRuntime(config, clock, true);
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.push(resource);
    return resource;
  }

  private static AuditSink auditSink(AppConfig config, Clock clock, AuditMetrics metrics) {
    AuditSettings audit = config.audit();
    if (!audit.enabled()) {
      LOG.warn("AUDIT_ENABLED=false: tool calls and job transitions are NOT recorded");
      return new DisabledAuditSink();
    }
    if (audit.backend() == AuditSettings.Backend.S3) {
      return S3AuditSink.open(S3AuditSettings.from(audit, config.server().environment(), clock), metrics);
    }
    return LocalFileAuditSink.open(LocalAuditSettings.from(audit, config.server().environment(), clock), metrics);
  }

  private static JobBackend jobBackend(AppConfig config, JobRegistry registry, List<ChunkedWork> chunked, Clock clock) {
    if (config.jobs().backend() == JobSettings.Backend.QUEUE && !config.jobs().eager()) {
      // One consumer name for the API (one process owns a registry): a restarted API reads the
      // reports its predecessor received but had not recorded.
      return RedisJobBackend.connect(QueueWiring.settings(config), new RegistryJobMessages(registry, chunked), clock, "api");
    }
    // JOB_EAGER=true (tests only; refused in staging/production): queue jobs run in this process.
    return ThreadJobBackend.from(config.jobs(), clock);
  }

  private void scheduleReconciliation(JobReconciler reconciler) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bridge-queue-reconciler");
      t.setDaemon(true);
      return t;
    });
    resources.push(timer::shutdownNow);
    timer.scheduleWithFixedDelay(() -> {
      try {
        JobReconciler.Report report = reconciler.reconcile();
        if (report.republished() + report.interrupted() > 0) {
          LOG.info("reconciled queue with registry: {} queued jobs republished, {} abandoned attempts ended",
              report.republished(), report.interrupted());
        }
      } catch (RuntimeException e) {
        LOG.warn("queue reconciliation failed; next round in {} s: {}", RECONCILE_SECONDS, e.getMessage());
      }
    }, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
  }

  private static Optional<TokenVerifier> tokenVerifier(AuthSettings auth, AppConfig config, Clock clock) {
    boolean anySource = auth.devSecret().isPresent() || auth.issuerUrl().isPresent() || auth.jwksUrl().isPresent();
    return anySource ? Optional.of(TokenVerifiers.fromSettings(auth, config.server().environment(), clock)) : Optional.empty();
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
