package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.Role;
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
  private final JobBackend backend;
  private final JobSubmission submission;
  private final Duration defaultTimeout;
  private final int defaultRetries;

  public RunSensitivityAnalysisTool(Simulations simulations, SimulationEngine engine, JobRegistry registry,
      JobBackend backend, Duration defaultTimeout, int defaultRetries, Clock clock) {
    this.simulations = simulations;
    this.engine = engine;
    this.backend = backend;
    this.submission = new JobSubmission(registry, backend, clock);
    this.defaultTimeout = defaultTimeout;
    this.defaultRetries = defaultRetries;
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
    JobSubmission.Limits limits = JobSubmission.Limits.of(input.timeoutSeconds(), input.maxRetries(), defaultTimeout,
        defaultRetries);
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    SensitivityJobRequest request = new SensitivityJobRequest(input.baseline().orElse(List.of()),
        input.parameterPaths().orElse(List.of()), input.numberOfSteps().orElse(SensitivityRequest.DEFAULT_STEPS),
        input.variationRange().orElse(SensitivityRequest.DEFAULT_RANGE), input.outputPaths().orElse(List.of()),
        input.pkParameters().orElse(List.of()),
        input.terminalPhase().map(TerminalPhaseFit::fromWireName).orElse(TerminalPhaseFit.ospDefault()));
    SensitivityPlan plan = new SensitivityPlanner(engine, ParameterPathMatcher::compile).plan(request.toRequest(sim.spec()));

    String body = request.encode();
    JobSubmission.Submitted submitted = submission.submit(context, input.idempotencyKey(), "sensitivity|" + sim.id()
        + "|" + input.revision().map(String::valueOf).orElse("latest") + "|" + limits.timeoutSeconds() + "|"
        + limits.retries() + "|" + body, sim, limits, Optional.of(new JobRequest(JobKind.SENSITIVITY, body)));
    Job stored = submitted.job();
    boolean deduplicated = submitted.deduplicated();
    List<String> paths = plan.parameters().stream().map(p -> p.path()).toList();
    return new Output(stored.id().value(), stored.state().wireName(), sim.id().value(), stored.revision(), paths,
        plan.runs(), stored.createdAt(), stored.timeout().toSeconds(), deduplicated,
        "/jobs/" + stored.id().value() + "/events");
  }
}
