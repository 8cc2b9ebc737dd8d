package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobBackend;
import io.mcpbridge.core.port.JobMetrics;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** {@code run_simulation}: queue a run of a simulation revision as a durable job; returns at once. */
public final class RunSimulationTool implements Tool<RunSimulationTool.Input, RunSimulationTool.Output> {

  /** Input of run_simulation. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Revision to run; default the latest.") Optional<Integer> revision,
      @Description("Time limit of one attempt in seconds; default JOB_TIMEOUT_SECONDS.") Optional<Long> timeoutSeconds,
      @Description("Retries after retryable failures (0-10); default JOB_MAX_RETRIES.") Optional<Integer> maxRetries,
      @Description("Client key making the submission idempotent for this caller (also accepted as the Idempotency-Key header).") Optional<String> idempotencyKey) {}

  /** Output of run_simulation. */
  public record Output(
      String jobId,
      String status,
      String simulationId,
      int revision,
      java.time.Instant queuedAt,
      long timeoutSeconds,
      int maxRetries,
      @Description("True if an earlier submission with the same idempotency key was returned.") boolean deduplicated,
      @Description("Where to follow the job: GET this path for server-sent events.") String eventsPath) {}

  private final Simulations simulations;
  private final JobSubmission submission;
  private final Duration defaultTimeout;
  private final int defaultRetries;
  private final JobMetrics metrics;

  public RunSimulationTool(Simulations simulations, JobRegistry registry, JobBackend backend,
      Duration defaultTimeout, int defaultRetries, Clock clock) {
    this(simulations, registry, backend, defaultTimeout, defaultRetries, NoMetrics.INSTANCE, clock);
  }

  /** @param metrics where accepted submissions are counted */
  public RunSimulationTool(Simulations simulations, JobRegistry registry, JobBackend backend,
      Duration defaultTimeout, int defaultRetries, JobMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.simulations = simulations;
    this.submission = new JobSubmission(registry, backend, clock);
    this.defaultTimeout = defaultTimeout;
    this.defaultRetries = defaultRetries;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("run_simulation", "Run simulation",
        "Run a simulation (latest or given revision) as an asynchronous job. Returns the job id at once; follow it with "
            + "get_job_status or the events stream, then read results with get_simulation_results.",
        Role.OPERATOR, true, false, false, false, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    JobSubmission.Limits limits = JobSubmission.Limits.of(input.timeoutSeconds(), input.maxRetries(), defaultTimeout,
        defaultRetries);
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    // The arguments as sent, not as resolved: "latest" stays "latest", so a retry of the same
    // request after someone set a parameter still finds its job instead of a conflict.
    JobSubmission.Submitted submitted = submission.submit(context, input.idempotencyKey(),
        sim.id() + "|" + input.revision().map(String::valueOf).orElse("latest") + "|" + limits.timeoutSeconds() + "|"
            + limits.retries(), sim, limits, Optional.empty());
    Job stored = submitted.job();
    boolean deduplicated = submitted.deduplicated();
    if (!deduplicated) {
      metrics.submitted();
    }
    return new Output(stored.id().value(), stored.state().wireName(), sim.id().value(), stored.revision(),
        stored.createdAt(), stored.timeout().toSeconds(), stored.maxRetries(), deduplicated,
        "/jobs/" + stored.id().value() + "/events");
  }


}
