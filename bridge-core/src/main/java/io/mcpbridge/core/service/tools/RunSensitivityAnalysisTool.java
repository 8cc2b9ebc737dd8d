package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.sensitivity.SensitivityJobRequest;
import io.mcpbridge.core.sensitivity.SensitivityPlan;
import io.mcpbridge.core.sensitivity.SensitivityPlanner;
import io.mcpbridge.core.sensitivity.SensitivityRequest;
import io.mcpbridge.core.service.ParameterPathMatcher;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code run_sensitivity_analysis}: queue OSP's local sensitivity analysis of a simulation revision
 * as a durable job. The request is validated (and the parameters selected) before anything is
 * queued; the job stores it, so any worker after any restart runs the same analysis.
 */
public final class RunSensitivityAnalysisTool
    implements Tool<RunSensitivityAnalysisTool.Input, RunSensitivityAnalysisTool.Output> {
  private static final long MAX_TIMEOUT_SECONDS = 604_800;

  /** Input of run_sensitivity_analysis. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Revision to analyse; default the latest.") Optional<Integer> revision,
      @Description("Parameter paths or OSP wildcard patterns to vary; default every constant parameter the simulation uses.")
          Optional<List<String>> parameterPaths,
      @Description("Variation steps on each side; default 2.") Optional<Integer> numberOfSteps,
      @Description("Variation range, greater than 0 and less than 1; default 0.1 (values P0/f and P0*f, f = 1 + range*i/steps).")
          Optional<Double> variationRange,
      @Description("Output paths; default the simulation's outputs.") Optional<List<String>> outputPaths,
      @Description("PK parameter names to report; default all.") Optional<List<String>> pkParameters,
      @Description("Baseline values set before anything is varied (e.g. one individual of a population), in base units.")
          Optional<List<ParameterOverride>> baseline,
      @Description("Terminal-phase rule of the PK analysis: last-two-points (default, OSP), regression or nca (best fit).")
          Optional<String> terminalPhase,
      @Description("Time limit of one attempt in seconds; default JOB_TIMEOUT_SECONDS.") Optional<Long> timeoutSeconds,
      @Description("Retries after retryable failures (0-10); default JOB_MAX_RETRIES.") Optional<Integer> maxRetries,
      @Description("Client key making the submission idempotent for this caller (also accepted as the Idempotency-Key header).")
          Optional<String> idempotencyKey) {}

  /** Output of run_sensitivity_analysis. */
  public record Output(
      String jobId,
      String status,
      String simulationId,
      int revision,
      @Description("The varied parameters.") List<String> parameterPaths,
      @Description("Simulations the analysis makes: 1 + 2 x steps per parameter.") int runs,
      java.time.Instant queuedAt,
      long timeoutSeconds,
      @Description("True if an earlier submission with the same idempotency key was returned.") boolean deduplicated,
      @Description("Where to follow the job: GET this path for server-sent events.") String eventsPath) {}

  private final Simulations simulations;
  private final SimulationEngine engine;
  private final JobRegistry registry;
  private final JobBackend backend;
  private final Duration defaultTimeout;
  private final int defaultRetries;
  private final Clock clock;

  public RunSensitivityAnalysisTool(Simulations simulations, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, Duration defaultTimeout, int defaultRetries, Clock clock) {
    this.simulations = simulations;
    this.engine = engine;
    this.registry = registry;
    this.backend = backend;
    this.defaultTimeout = defaultTimeout;
    this.defaultRetries = defaultRetries;
    this.clock = clock;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("run_sensitivity_analysis", "Run sensitivity analysis",
        "Run OSP's local sensitivity analysis of a simulation as an asynchronous job: each parameter at P0/f and P0*f, "
            + "S = averaged (dPK/dP)(P0/PK0) for every PK parameter of every output. Returns the job id at once; "
            + "follow it with get_job_status, then read get_sensitivity_results with its resultsId.",
        Role.OPERATOR, true, false, false, false, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    if (!backend.runsEveryJobKind()) {
      throw new ConflictException("Sensitivity analysis runs need JOB_BACKEND=thread: the queue workers of this"
          + " deployment run single simulations only");
    }
    long timeoutSeconds = input.timeoutSeconds().orElse(defaultTimeout.toSeconds());
    int retries = input.maxRetries().orElse(defaultRetries);
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new InvalidInputException("timeoutSeconds must be 1-" + MAX_TIMEOUT_SECONDS);
    }
    if (retries < 0 || retries > 10) {
      throw new InvalidInputException("maxRetries must be 0-10");
    }
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    SensitivityJobRequest request = new SensitivityJobRequest(input.baseline().orElse(List.of()),
        input.parameterPaths().orElse(List.of()), input.numberOfSteps().orElse(SensitivityRequest.DEFAULT_STEPS),
        input.variationRange().orElse(SensitivityRequest.DEFAULT_RANGE), input.outputPaths().orElse(List.of()),
        input.pkParameters().orElse(List.of()),
        input.terminalPhase().map(TerminalPhaseFit::fromWireName).orElse(TerminalPhaseFit.ospDefault()));
    SensitivityPlan plan = new SensitivityPlanner(engine, ParameterPathMatcher::compile).plan(request.toRequest(sim.spec()));

    String owner = context.principal().subject();
    String body = request.encode();
    Optional<IdempotencyKey> key;
    try {
      key = input.idempotencyKey().or(context::idempotencyKey).map(k -> new IdempotencyKey(owner, k,
          Sha256.hex("sensitivity|" + sim.id() + "|" + input.revision().map(String::valueOf).orElse("latest") + "|"
              + timeoutSeconds + "|" + retries + "|" + body)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
    Job fresh = Job.queued(JobId.random(), owner, sim.id(), sim.revision(), retries,
        Duration.ofSeconds(timeoutSeconds), clock.instant());
    Job stored = registry.createJob(fresh, key, new JobRequest(JobKind.SENSITIVITY, body));
    boolean deduplicated = !stored.id().equals(fresh.id());
    if (!deduplicated) {
      backend.submit(stored.id(), stored.timeout(), Duration.ZERO);
    }
    List<String> paths = plan.parameters().stream().map(p -> p.path()).toList();
    return new Output(stored.id().value(), stored.state().wireName(), sim.id().value(), stored.revision(), paths,
        plan.runs(), stored.createdAt(), stored.timeout().toSeconds(), deduplicated,
        "/jobs/" + stored.id().value() + "/events");
  }
}
