package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.pk.ApplicationInfusion;
import io.mcpbridge.core.population.Population;
import io.mcpbridge.core.population.PopulationCsvReader;
import io.mcpbridge.core.population.PopulationFile;
import io.mcpbridge.core.population.PopulationJobSettings;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.population.PopulationRunRequest;
import io.mcpbridge.core.population.PopulationSampler;
import io.mcpbridge.core.population.VariationSyntax;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.units.UnitCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code run_population_simulation}: queue a population run of a simulation revision as a durable
 * job. The individuals come from a population CSV sent inline (PK-Sim/ospsuite layout) or are
 * sampled; they are validated completely before anything is stored or queued.
 */
public final class RunPopulationSimulationTool
    implements Tool<RunPopulationSimulationTool.Input, RunPopulationSimulationTool.Output> {
  private static final long MAX_TIMEOUT_SECONDS = 604_800;
  private static final int MAX_SAMPLED = 100_000;

  /** Input of run_population_simulation. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Revision to run; default the latest.") Optional<Integer> revision,
      @Description("A population CSV as PK-Sim or ospsuite write it (IndividualId, covariates, '<path> [unit]' columns); or sample with individuals.") Optional<String> populationCsv,
      @Description("Skip CSV columns naming no quantity of the model instead of refusing the file.") Optional<Boolean> skipUnknownPaths,
      @Description("Sample this many individuals (1-100000) instead of sending a CSV.") Optional<Integer> individuals,
      @Description("Seed of the sampled individuals; default 1. The same seed gives the same individuals.") Optional<Long> seed,
      @Description("Sampled parameters, 'PATH=DIST(ARGS)[ UNIT]': normal(mean, sd), lognormal(gm, gsd) or lognormal(gm, cv=X), uniform(low, high), discrete(v1, ...), optional min=, max=.") Optional<List<String>> vary,
      @Description("Also sample the model's own distributed parameters by percentile.") Optional<Boolean> sampleDeclared,
      @Description("Percentiles of the aggregates in %; default 5, 25, 50, 75, 95.") Optional<List<Double>> percentiles,
      @Description("Total drug mass per body weight in µmol/kg for the per-individual PK (enables CL, Vss, Vd, _norm).") Optional<Double> dosePerBodyWeight,
      @Description("Infusion time in minutes for the per-individual PK; default: that of the model's "
          + "application when it has exactly one.") Optional<Double> infusionTime,
      @Description("Time limit of one attempt in seconds; default JOB_TIMEOUT_SECONDS.") Optional<Long> timeoutSeconds,
      @Description("Client key making the submission idempotent for this caller.") Optional<String> idempotencyKey) {}

  /** Output of run_population_simulation. */
  public record Output(
      String jobId,
      String status,
      String simulationId,
      int revision,
      @Description("Individuals that will run.") int individuals,
      @Description("The varied quantity paths.") List<String> parameterPaths,
      @Description("Covariate columns of the population file, kept with the individuals.") List<String> covariates,
      @Description("CSV columns skipped because they name no quantity (with skipUnknownPaths).") List<String> skippedPaths,
      Instant queuedAt,
      long timeoutSeconds,
      @Description("True if an earlier submission with the same idempotency key was returned.") boolean deduplicated,
      @Description("Where to follow the job: GET this path for server-sent events.") String eventsPath) {}

  private final Simulations simulations;
  private final JobRegistry registry;
  private final JobBackend backend;
  private final PopulationJobStore store;
  private final UnitCatalog units;
  private final Duration defaultTimeout;
  private final Clock clock;

  public RunPopulationSimulationTool(Simulations simulations, JobRegistry registry, JobBackend backend,
      PopulationJobStore store, UnitCatalog units, Duration defaultTimeout, Clock clock) {
    this.simulations = simulations;
    this.registry = registry;
    this.backend = backend;
    this.store = store;
    this.units = units;
    this.defaultTimeout = defaultTimeout;
    this.clock = clock;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("run_population_simulation", "Run population simulation",
        "Run a simulation (latest or given revision) for every individual of a population - a PK-Sim/ospsuite "
            + "population CSV or individuals sampled from distributions - as an asynchronous job. Returns the job id "
            + "at once; follow it with get_job_status (progress = individuals done), then read aggregates, PK summary "
            + "and individuals with get_population_results.",
        Role.OPERATOR, true, false, false, false, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    if (!backend.runsPopulations()) {
      throw new ConflictException("Population runs need JOB_BACKEND=thread, or a queue backend"
          + " whose workers run population chunks; this deployment's backend has neither");
    }
    long timeoutSeconds = input.timeoutSeconds().orElse(defaultTimeout.toSeconds());
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new InvalidInputException("timeoutSeconds must be 1-" + MAX_TIMEOUT_SECONDS);
    }
    input.dosePerBodyWeight().filter(d -> !(d > 0 && Double.isFinite(d))).ifPresent(d -> {
      throw new InvalidInputException("dosePerBodyWeight must be a positive number (µmol/kg)");
    });
    input.infusionTime().filter(t -> !(t >= 0 && Double.isFinite(t))).ifPresent(t -> {
      throw new InvalidInputException("infusionTime must be a non-negative number of minutes");
    });
    List<Double> probabilities = input.percentiles().map(ps -> ps.stream().map(p -> {
      if (p == null || !(p >= 0 && p <= 100)) {
        throw new InvalidInputException("percentiles must be between 0 and 100, got " + p);
      }
      return p / 100;
    }).toList()).orElse(PopulationRunRequest.DEFAULT_PERCENTILES);

    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    LoadedModel model = simulations.model(sim);
    List<String> skipped = List.of();
    Population population;
    if (input.populationCsv().isPresent()) {
      if (input.individuals().isPresent() || input.vary().isPresent() || input.sampleDeclared().orElse(false)) {
        throw new InvalidInputException("send either populationCsv or individuals (with vary/sampleDeclared), not both");
      }
      PopulationCsvReader.Options options = PopulationCsvReader.Options.defaults();
      PopulationFile file = new PopulationCsvReader(units,
          input.skipUnknownPaths().orElse(false) ? options.skippingUnknownPaths() : options)
          .read(input.populationCsv().get().getBytes(StandardCharsets.UTF_8), "populationCsv", model);
      population = file.population();
      skipped = file.skippedPaths();
    } else {
      int n = input.individuals().orElseThrow(() -> new InvalidInputException(
          "send populationCsv or individuals (with vary and/or sampleDeclared)"));
      if (n < 1 || n > MAX_SAMPLED) {
        throw new InvalidInputException("individuals must be 1-" + MAX_SAMPLED);
      }
      population = PopulationSampler.sample(model,
          input.vary().orElse(List.of()).stream().map(v -> VariationSyntax.parse(v, model, units)).toList(),
          input.sampleDeclared().orElse(false), n, input.seed().orElse(1L));
    }

    String owner = context.principal().subject();
    Optional<IdempotencyKey> key;
    try {
      key = input.idempotencyKey().or(context::idempotencyKey).map(k -> new IdempotencyKey(owner, k,
          Sha256.hex("population|" + sim.id() + "|" + input.revision().map(String::valueOf).orElse("latest") + "|"
              + timeoutSeconds + "|" + input.toString())));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    Job fresh = Job.queued(JobId.random(), owner, sim.id(), sim.revision(), 0, Duration.ofSeconds(timeoutSeconds),
        clock.instant());
    // OSP takes the infusion time of the model's (single) application when the caller gives none.
    Optional<Double> infusionTime = input.infusionTime()
        .or(() -> ApplicationInfusion.of(model.quantities(), q -> simulations.valueOf(sim, q)));
    store.save(fresh.id(), population, new PopulationJobSettings(probabilities, input.dosePerBodyWeight(),
        infusionTime), model);
    Job stored;
    try {
      stored = registry.createJob(fresh, key);
    } catch (RuntimeException e) {
      store.delete(fresh.id());
      throw e;
    }
    boolean deduplicated = !stored.id().equals(fresh.id());
    if (deduplicated) {
      store.delete(fresh.id());
    } else {
      backend.submit(stored.id(), stored.timeout(), Duration.ZERO);
    }
    return new Output(stored.id().value(), stored.state().wireName(), sim.id().value(), stored.revision(),
        population.size(), population.parameterPaths(), population.covariateNames(), skipped, stored.createdAt(),
        stored.timeout().toSeconds(), deduplicated, "/jobs/" + stored.id().value() + "/events");
  }
}
