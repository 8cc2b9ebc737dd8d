package io.mcpbridge.core.service;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.service.tools.LoadSimulationTool;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import io.mcpbridge.testkit.ManualClock;
import io.mcpbridge.testkit.RecordingMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The standard tools over the testkit fakes (in-memory registry and audit trail, manual clock,
 * hand-driven backend) and the real engine on the bundled models in {@code /models}.
 */
final class BridgeFixture {
  static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  static final int DEFAULT_RETRIES = 1;

  final ManualClock clock = ManualClock.atFixedStart();
  final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  final InMemoryAuditSink audit = new InMemoryAuditSink();
  final ManualJobBackend backend = new ManualJobBackend(clock);
  final JobNotifier notifier = new JobNotifier();
  final RecordingMetrics metrics = new RecordingMetrics();
  final SimulationEngine engine;
  final ToolInvoker tools;
  final JobRunner runner;

  BridgeFixture() {
    this(new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS));
  }

  /** Tools on the given engine (e.g. a {@link ScriptedEngine} for job-flow tests). */
  BridgeFixture(SimulationEngine engine) {
    this.engine = engine;
    ModelAccess access = new ModelAccess(List.of(MODELS), 10_000_000);
    ToolCatalog catalog = BridgeTools.standard(access, new ModelIndex(access), engine, registry, backend,
        UnitCatalog.standard(), DEFAULT_TIMEOUT, DEFAULT_RETRIES, metrics, clock);
    this.runner = new JobRunner(registry, engine, backend, notifier, audit, metrics, metrics, clock);
    backend.start(runner);
    this.tools = new ToolInvoker(catalog, audit, AuditSettings.FailMode.CLOSED, AuditSettings.ReadEvents.SYNC, metrics,
        clock);
  }

  static Principal caller(String subject, Role... roles) {
    EnumSet<Role> granted = EnumSet.noneOf(Role.class);
    granted.addAll(List.of(roles));
    return new Principal(subject, granted, Optional.empty(), Optional.of("test"), false, Principal.AuthMethod.OIDC);
  }

  /** A REST caller who confirmed with the header (as every edge does once a person approved). */
  static ToolContext as(Principal principal) {
    return new ToolContext(principal, "corr-" + UUID.randomUUID(), Optional.empty(), "rest", Optional.empty(),
        Optional.of("header"));
  }

  static ToolContext as(Principal principal, String idempotencyHeader) {
    return new ToolContext(principal, "corr-" + UUID.randomUUID(), Optional.of(idempotencyHeader), "rest",
        Optional.empty(), Optional.of("header"));
  }

  /** A caller nobody confirmed for. */
  static ToolContext unconfirmed(Principal principal) {
    return new ToolContext(principal, "corr-" + UUID.randomUUID(), Optional.empty(), "rest", Optional.empty());
  }

  /** Calls a tool as {@code principal} and returns its output with the expected type. */
  <O extends Record> O call(String tool, Record input, Principal principal, Class<O> outputType) {
    return outputType.cast(tools.invoke(tool, input, as(principal), output -> Optional.of("digest")));
  }

  /** Loads a bundled model as a simulation with the given id, as {@code principal}. */
  LoadSimulationTool.Output load(String file, String simulationId, Principal principal) {
    return call("load_simulation", new LoadSimulationTool.Input(file, Optional.of(simulationId)), principal,
        LoadSimulationTool.Output.class);
  }
}
