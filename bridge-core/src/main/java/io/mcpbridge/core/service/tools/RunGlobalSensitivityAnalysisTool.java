package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.sensitivity.global.GlobalAnalysisPlan;
import io.mcpbridge.core.sensitivity.global.GlobalAnalysisPlanner;
import io.mcpbridge.core.sensitivity.global.GlobalMethod;
import io.mcpbridge.core.sensitivity.global.GlobalParameter;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobRequest;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.units.UnitCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code run_global_sensitivity_analysis}: queue a Sobol or Morris analysis of a simulation
 * revision as a durable job. Parameters are declared with ranges or distributions in the syntax of
 * population runs ({@code PATH=uniform(a, b) UNIT}); the request is validated in full before
 * anything is queued, and the job stores it in base units, so any worker after any restart runs
 * the same design.
 */
public final class RunGlobalSensitivityAnalysisTool
    implements Tool<RunGlobalSensitivityAnalysisTool.Input, RunGlobalSensitivityAnalysisTool.Output> {
  /** The seed when a call names none: a fixed one, so that a repeated call repeats the analysis. */
  public static final long DEFAULT_SEED = 1;

  /** Input of run_global_sensitivity_analysis. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Revision to analyse; default the latest.") Optional<Integer> revision,
      @Description("sobol (first-order and total indices with bootstrap intervals) or morris (elementary effects mu*, sigma).")
          String method,
      @Description("Varied parameters, 'PATH=DIST(a, b)[ UNIT]': uniform(low, high), loguniform(low, high), normal(mean, sd), "
          + "lognormal(geometricMean, geometricSd); Morris needs uniform or loguniform. Values in UNIT or the base unit.")
          List<String> vary,
      @Description("Sobol: base samples N (N*(k+2) runs; default 1024). Morris: trajectories r (r*(k+1) runs; default 20).")
          Optional<Integer> n,
      @Description("Seed of the design; the same seed gives the same indices whatever the thread count. Default 1.")
          Optional<Long> seed,
      @Description("Sobol: bootstrap resamples behind the intervals (100-100000); default 1000.") Optional<Integer> bootstrap,
      @Description("Sobol: interval level, between 0 and 1; default 0.95.") Optional<Double> confidence,
      @Description("Morris: grid levels, even; default 4.") Optional<Integer> levels,
      @Description("Output paths; default the simulation's outputs.") Optional<List<String>> outputPaths,
      @Description("PK parameter names whose sensitivity is computed; default all, unless times are given.")
          Optional<List<String>> pkParameters,
      @Description("Output times in minutes whose values are responses too (linear between output times).")
          Optional<List<Double>> times,
      @Description("Baseline values set before anything is varied, in base units.") Optional<List<ParameterOverride>> baseline,
      @Description("Terminal-phase rule of the PK analysis: last-two-points (default, OSP), regression or nca.")
          Optional<String> terminalPhase,
      @Description("Time limit of one attempt in seconds; default JOB_TIMEOUT_SECONDS.") Optional<Long> timeoutSeconds,
      @Description("Retries after retryable failures (0-10); default JOB_MAX_RETRIES.") Optional<Integer> maxRetries,
      @Description("Client key making the submission idempotent for this caller (also accepted as the Idempotency-Key header).")
          Optional<String> idempotencyKey) {}

  /** Output of run_global_sensitivity_analysis. */
  public record Output(
      String jobId,
      String status,
      String simulationId,
      int revision,
      String method,
      @Description("The varied parameters with their distributions in base units, in declaration order.") List<String> vary,
      @Description("Model evaluations of the design (one unperturbed run comes first).") int evaluations,
      long seed,
      java.time.Instant queuedAt,
      long timeoutSeconds,
      @Description("True if an earlier submission with the same idempotency key was returned.") boolean deduplicated,
      @Description("Where to follow the job: GET this path for server-sent events.") String eventsPath) {}

  private final Simulations simulations;
  private final SimulationEngine engine;
  private final JobBackend backend;
  private final JobSubmission submission;
  private final UnitCatalog units;
  private final Duration defaultTimeout;
  private final int defaultRetries;

  public RunGlobalSensitivityAnalysisTool(Simulations simulations, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, UnitCatalog units, Duration defaultTimeout, int defaultRetries, Clock clock) {
    this.simulations = simulations;
    this.engine = engine;
    this.backend = backend;
    this.submission = new JobSubmission(registry, backend, clock);
    this.units = units;
    this.defaultTimeout = defaultTimeout;
    this.defaultRetries = defaultRetries;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("run_global_sensitivity_analysis", "Run global sensitivity analysis",
        "Run a global sensitivity analysis of a simulation as an asynchronous job over declared parameter ranges or "
            + "distributions: Sobol first-order and total indices (Saltelli sampling, bootstrap intervals) or Morris "
            + "elementary effects (mu*, sigma), for PK parameters or output values at chosen times. Seeded and "
            + "reproducible. Returns the job id at once; follow it with get_job_status, then read "
            + "get_global_sensitivity_results with its resultsId.",
        Role.OPERATOR, true, false, false, false, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    if (!backend.runsEveryJobKind()) {
      throw new ConflictException("Global sensitivity runs need JOB_BACKEND=thread: the queue workers of this"
          + " deployment run single simulations only");
    }
    JobSubmission.Limits limits = JobSubmission.Limits.of(input.timeoutSeconds(), input.maxRetries(), defaultTimeout,
        defaultRetries);
    GlobalMethod method = GlobalMethod.fromWireName(input.method());
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    LoadedModel model = engine.load(sim.spec().model());
    List<ErrorDetail> problems = new ArrayList<>();
    List<GlobalParameter> parameters = GlobalAnalysisPlanner.parseAll(
        input.vary() == null ? List.of() : input.vary(), model, units, problems);
    long seed = input.seed().orElse(DEFAULT_SEED);
    GlobalSensitivityJobRequest request = new GlobalSensitivityJobRequest(method, parameters,
        input.baseline().orElse(List.of()), input.outputPaths().orElse(List.of()), input.pkParameters().orElse(List.of()),
        input.times().orElse(List.of()), input.n().orElse(method == GlobalMethod.SOBOL
            ? GlobalSensitivityJobRequest.DEFAULT_SAMPLES : GlobalSensitivityJobRequest.DEFAULT_TRAJECTORIES),
        input.levels().orElse(GlobalSensitivityJobRequest.DEFAULT_LEVELS),
        input.bootstrap().orElse(GlobalSensitivityJobRequest.DEFAULT_BOOTSTRAP),
        input.confidence().orElse(GlobalSensitivityJobRequest.DEFAULT_CONFIDENCE), seed,
        input.terminalPhase().map(TerminalPhaseFit::fromWireName).orElse(TerminalPhaseFit.ospDefault()));
    GlobalAnalysisPlan plan = new GlobalAnalysisPlanner(engine).plan(sim.spec(), request, problems);

    String body = request.encode();
    JobSubmission.Submitted submitted = submission.submit(context, input.idempotencyKey(), "global-sensitivity|"
        + sim.id() + "|" + input.revision().map(String::valueOf).orElse("latest") + "|" + limits.timeoutSeconds() + "|"
        + limits.retries() + "|" + body, sim, limits, Optional.of(new JobRequest(JobKind.GLOBAL_SENSITIVITY, body)));
    Job stored = submitted.job();
    boolean deduplicated = submitted.deduplicated();
    List<String> vary = parameters.stream()
        .map(p -> io.mcpbridge.core.sensitivity.global.GlobalVariationSyntax.format(p.name(), p.distribution())).toList();
    return new Output(stored.id().value(), stored.state().wireName(), sim.id().value(), stored.revision(),
        method.wireName(), vary, plan.evaluations(), seed, stored.createdAt(), stored.timeout().toSeconds(),
        deduplicated, "/jobs/" + stored.id().value() + "/events");
  }
}
