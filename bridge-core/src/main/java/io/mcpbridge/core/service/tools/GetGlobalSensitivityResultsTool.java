package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.sensitivity.global.GlobalMethod;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityCsv;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityJobRequest;
import io.mcpbridge.core.sensitivity.global.GlobalSensitivityRow;
import io.mcpbridge.core.service.Tool;
import java.util.List;
import java.util.Optional;

/**
 * {@code get_global_sensitivity_results}: the indices of a finished {@code
 * run_global_sensitivity_analysis} job, as entries, as CSV and as a link to the CSV resource.
 */
public final class GetGlobalSensitivityResultsTool
    implements Tool<GetGlobalSensitivityResultsTool.Input, GetGlobalSensitivityResultsTool.Output> {
  /** The file name of the CSV resource under {@code bridge://results/{resultsId}/}. */
  public static final String CSV_NAME = "global-sensitivity.csv";

  /** Input of get_global_sensitivity_results. */
  public record Input(
      @Description("Results id of a finished global sensitivity job (get_job_status resultHandle).") String resultsId,
      @Description("Only this output path.") Optional<String> outputPath,
      @Description("Only this response: a PK parameter name or Value@t=T (T in minutes).") Optional<String> response) {}

  /** Output of get_global_sensitivity_results. */
  public record Output(
      String resultsId,
      String jobId,
      String method,
      @Description("N (Sobol base samples) or r (Morris trajectories).") int n,
      long seed,
      @Description("Sobol only: bootstrap resamples and interval level.") Optional<Integer> bootstrap,
      Optional<Double> confidence,
      @Description("Morris only: grid levels.") Optional<Integer> levels,
      int count,
      @Description("One entry per output, response and varied parameter.") List<Entry> indices,
      @Description("The same as CSV (Sobol: QuantityPath,Response,ParameterPath,S1,S1Low,S1High,ST,STLow,STHigh,State; "
          + "Morris: QuantityPath,Response,ParameterPath,Mu,MuStar,Sigma,State).") String csv,
      @Description("The whole CSV as a resource.") String csvUri) {}

  /**
   * One parameter's indices for one response; values are null when the method does not produce
   * them or the response had none (state ResponseNotFinite or ResponseConstant).
   */
  public record Entry(String quantityPath, String response, String parameterPath, Double s1, Double s1Low,
      Double s1High, Double st, Double stLow, Double stHigh, Double mu, Double muStar, Double sigma, String state) {}

  private final JobRegistry registry;

  public GetGlobalSensitivityResultsTool(JobRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_global_sensitivity_results", "Get global sensitivity results",
        "Return the indices of a finished run_global_sensitivity_analysis job: Sobol S1 and ST with their bootstrap "
            + "intervals, or Morris mu, mu* and sigma, per output, response and parameter, with the CSV and a link to it.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    JobOutput output = registry.findJobOutput(SimulationIds.result(input.resultsId()))
        .filter(o -> o.kind() == JobKind.GLOBAL_SENSITIVITY)
        .orElseThrow(() -> new NotFoundException("no global sensitivity result " + input.resultsId()
            + " (results expire after JOB_RETENTION_SECONDS)"));
    GlobalSensitivityJobRequest request = registry.findJobRequest(output.jobId())
        .map(r -> GlobalSensitivityJobRequest.decode(r.body()))
        .orElseThrow(() -> new NotFoundException("the request of job " + output.jobId().value() + " is gone"));
    List<GlobalSensitivityRow> rows = GlobalSensitivityCsv.read(output.content()).stream()
        .filter(r -> input.outputPath().map(r.quantityPath()::equals).orElse(true))
        .filter(r -> input.response().map(r.response()::equals).orElse(true))
        .toList();
    GlobalMethod method = request.method();
    boolean sobol = method == GlobalMethod.SOBOL;
    List<Entry> entries = rows.stream().map(r -> new Entry(r.quantityPath(), r.response(), r.parameterPath(),
        v(r.s1()), v(r.s1Low()), v(r.s1High()), v(r.st()), v(r.stLow()), v(r.stHigh()), v(r.mu()), v(r.muStar()),
        v(r.sigma()), r.state())).toList();
    return new Output(output.id().value(), output.jobId().value(), method.wireName(), request.samples(), request.seed(),
        sobol ? Optional.of(request.bootstrapResamples()) : Optional.empty(),
        sobol ? Optional.of(request.confidence()) : Optional.empty(),
        sobol ? Optional.empty() : Optional.of(request.levels()), entries.size(), entries,
        GlobalSensitivityCsv.toCsv(method, rows), "bridge://results/" + output.id().value() + "/" + CSV_NAME);
  }

  private static Double v(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
