package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.population.PopulationFiles;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.GetPopulationResultsTool;
import io.mcpbridge.core.service.tools.LoadSimulationTool;
import io.mcpbridge.core.service.tools.RunPopulationSimulationTool;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.testkit.InMemoryAuditSink;
import io.mcpbridge.testkit.InMemoryJobRegistry;
import io.mcpbridge.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_population_simulation and get_population_results over the real engine on a bundled model,
 * with the testkit's in-memory registry and hand-driven backend.
 */
class PopulationToolsTest {
  private static final Principal OPERATOR = BridgeFixture.caller("olga", Role.OPERATOR);
  private static final String VOLUME = "Organism|Central|Volume";

  @TempDir Path storage;
  private final ManualClock clock = ManualClock.atFixedStart();
  private final InMemoryJobRegistry registry = new InMemoryJobRegistry();
  private final ManualJobBackend backend = new ManualJobBackend(clock);
  private ToolInvoker tools;

  @BeforeEach
  void start() {
    PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    ModelAccess access = new ModelAccess(List.of(BridgeFixture.MODELS), 10_000_000);
    PopulationJobStore store = new PopulationJobStore(storage, UnitCatalog.standard());
    ToolCatalog catalog = BridgeTools.withPopulations(BridgeTools.standard(access, new ModelIndex(access), engine,
        registry, backend, UnitCatalog.standard(), BridgeFixture.DEFAULT_TIMEOUT, 0, clock), engine, registry, backend,
        store, UnitCatalog.standard(), BridgeFixture.DEFAULT_TIMEOUT, clock);
    backend.start(new JobRunner(registry, engine, backend, new JobNotifier(), new InMemoryAuditSink(), clock,
        List.of(new PopulationJobWork(store, engine, UnitCatalog.standard(), 2))));
    tools = new ToolInvoker(catalog, new InMemoryAuditSink(), AuditSettings.FailMode.CLOSED, clock);
    call("load_simulation", new LoadSimulationTool.Input("one_compartment_iv_bolus.pkml", Optional.of("iv")),
        LoadSimulationTool.Output.class);
  }

  private <O extends Record> O call(String tool, Record input, Class<O> type) {
    return type.cast(tools.invoke(tool, input, BridgeFixture.as(OPERATOR), output -> Optional.of("digest")));
  }

  private static RunPopulationSimulationTool.Input csv(String text) {
    return new RunPopulationSimulationTool.Input("iv", Optional.empty(), Optional.of(text), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void aPopulationJobRunsAndItsResultsArePaged() {
    String text = "#PK-Sim version: 11\n\"IndividualId\",\"Gender\",\"" + VOLUME + " [ml]\"\n"
        + "0,MALE,20000\n1,FEMALE,25000\n2,FEMALE,30000\n";
    RunPopulationSimulationTool.Output queued = call("run_population_simulation", csv(text),
        RunPopulationSimulationTool.Output.class);
    assertThat(queued.status()).isEqualTo("queued");
    assertThat(queued.individuals()).isEqualTo(3);
    assertThat(queued.parameterPaths()).containsExactly(VOLUME);
    assertThat(queued.covariates()).containsExactly("Gender");

    backend.runNext();
    GetJobStatusTool.Output status = call("get_job_status", new GetJobStatusTool.Input(queued.jobId()),
        GetJobStatusTool.Output.class);
    assertThat(status.status()).isEqualTo("succeeded");

    GetPopulationResultsTool.Output results = call("get_population_results", new GetPopulationResultsTool.Input(
        queued.jobId(), Optional.empty(), Optional.of(1), Optional.of(5)), GetPopulationResultsTool.Output.class);
    assertThat(results.individuals()).isEqualTo(3);
    assertThat(results.failures()).isEmpty();
    assertThat(results.page()).extracting(r -> r.id()).containsExactly(1, 2);
    assertThat(results.page().get(0).values()).containsEntry("Gender", "FEMALE").containsEntry(VOLUME + " [l]", "25.0");
    assertThat(results.aggregates()).isNotEmpty().allSatisfy(row -> assertThat(row.statistics()).containsKeys("N", "P50"));
    assertThat(results.aggregates().get(0).statistics().get("N")).isEqualTo(3.0);
    assertThat(results.pkSummary()).anySatisfy(row -> assertThat(row.key()).isEqualTo("C_max"));
    assertThat(results.files()).containsOnlyKeys(PopulationFiles.ALL);
    // C_max at t = 0 of an IV bolus is dose / volume: the largest volume gives the smallest value
    var cmax = results.pkSummary().stream().filter(r -> r.key().equals("C_max")).findFirst().orElseThrow();
    assertThat(cmax.statistics().get("Max") / cmax.statistics().get("Min")).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void sampledJobsAndBadInputs() throws IOException {
    RunPopulationSimulationTool.Input sampled = new RunPopulationSimulationTool.Input("iv", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(20), Optional.of(5L),
        Optional.of(List.of(VOLUME + "=lognormal(20, cv=0.2) l")), Optional.empty(), Optional.of(List.of(10.0, 90.0)),
        Optional.of(1.0), Optional.empty(), Optional.empty(), Optional.empty());
    RunPopulationSimulationTool.Output queued = call("run_population_simulation", sampled,
        RunPopulationSimulationTool.Output.class);
    backend.runNext();
    GetPopulationResultsTool.Output results = call("get_population_results", new GetPopulationResultsTool.Input(
        queued.jobId(), Optional.empty(), Optional.empty(), Optional.empty()), GetPopulationResultsTool.Output.class);
    assertThat(results.individuals()).isEqualTo(20);
    assertThat(results.aggregates().get(0).statistics()).containsKeys("P10", "P90").doesNotContainKey("P50");
    assertThat(results.pkSummary()).anySatisfy(r -> assertThat(r.key()).isEqualTo("CL"));

    long before = countJobDirectories();
    assertThatThrownBy(() -> call("run_population_simulation", csv("IndividualId,Organism|Nope [l]\n0,1\n"),
        RunPopulationSimulationTool.Output.class)).isInstanceOf(InvalidInputException.class).hasMessageContaining("Organism|Nope");
    assertThatThrownBy(() -> call("run_population_simulation", csv("Gender\nMALE\n"),
        RunPopulationSimulationTool.Output.class)).isInstanceOf(InvalidInputException.class).hasMessageContaining("IndividualId");
    assertThat(countJobDirectories()).isEqualTo(before);
    assertThat(backend.pending()).isZero();
    assertThatThrownBy(() -> call("get_population_results", new GetPopulationResultsTool.Input(
        UUID.randomUUID().toString().replace("-", ""), Optional.empty(), Optional.empty(), Optional.empty()),
        GetPopulationResultsTool.Output.class)).isInstanceOf(NotFoundException.class);
  }

  private long countJobDirectories() throws IOException {
    try (Stream<Path> dirs = Files.list(storage)) {
      return dirs.count();
    }
  }

  @Test
  void aBackendWhoseWorkersRunSingleSimulationsOnlyIsRefusedBeforeAnythingIsStored() throws IOException {
    backend.runSingleSimulationsOnly();
    String text = "IndividualId," + VOLUME + " [ml]\n0,20000\n";

    assertThatThrownBy(() -> call("run_population_simulation", csv(text), RunPopulationSimulationTool.Output.class))
        .isInstanceOf(ConflictException.class).hasMessageContaining("JOB_BACKEND=thread");
    assertThat(backend.submissions()).isEmpty();
    assertThat(registry.jobsInStates(java.util.EnumSet.allOf(io.mcpbridge.core.model.JobState.class))).isEmpty();
    try (Stream<Path> stored = Files.list(storage)) {
      assertThat(stored).isEmpty();
    }
  }
}
