package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.sensitivity.PkSensitivity;
import io.mcpbridge.core.sensitivity.SensitivityCsv;
import io.mcpbridge.core.sensitivity.SensitivityResults;
import io.mcpbridge.core.service.Tool;
import java.util.List;
import java.util.Optional;

/**
 * {@code get_sensitivity_results}: the sensitivities of a finished {@code run_sensitivity_analysis}
 * job, optionally reduced by OSP's cumulative threshold, as entries and as OSP's CSV export.
 */
public final class GetSensitivityResultsTool
    implements Tool<GetSensitivityResultsTool.Input, GetSensitivityResultsTool.Output> {

  /** Input of get_sensitivity_results. */
  public record Input(
      @Description("Results id of a finished sensitivity job (get_job_status resultHandle).") String resultsId,
      @Description("Keep, per output and PK parameter, the largest |S| until their share of the total reaches this "
          + "(0-1, OSP's totalSensitivityThreshold; 1 keeps every value). Default: every value as OSP exports them.")
          Optional<Double> threshold,
      @Description("Only this output path.") Optional<String> outputPath,
      @Description("Only this PK parameter.") Optional<String> pkParameter) {}

  /** Output of get_sensitivity_results. */
  public record Output(
      String resultsId,
      String jobId,
      int count,
      @Description("One sensitivity per output, PK parameter and varied parameter.") List<Entry> sensitivities,
      @Description("The same in OSP's export layout QuantityPath,Parameter,PKParameter,Value,ParameterPath.") String csv) {}

  /** One sensitivity; value is null when OSP could not compute it (state FailedToCalculateDefaultPKValue). */
  public record Entry(String quantityPath, String parameter, String parameterPath, String pkParameter, Double value,
      String state) {}

  private final JobRegistry registry;

  public GetSensitivityResultsTool(JobRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_sensitivity_results", "Get sensitivity results",
        "Return the sensitivities of a finished run_sensitivity_analysis job (OSP's local method), optionally only "
            + "the largest ones by OSP's cumulative threshold, with the CSV in OSP's export layout.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    input.threshold().filter(t -> !(t > 0 && t <= 1)).ifPresent(t -> {
      throw new InvalidInputException("threshold must be greater than 0 and at most 1");
    });
    JobOutput output = registry.findJobOutput(SimulationIds.result(input.resultsId()))
        .filter(o -> o.kind() == JobKind.SENSITIVITY)
        .orElseThrow(() -> new NotFoundException("no sensitivity result " + input.resultsId()
            + " (results expire after JOB_RETENTION_SECONDS)"));
    List<PkSensitivity> all = SensitivityCsv.read(output.content()).stream()
        .filter(e -> input.outputPath().map(e.quantityPath()::equals).orElse(true))
        .filter(e -> input.pkParameter().map(e.pkParameter()::equals).orElse(true))
        .toList();
    List<PkSensitivity> kept = input.threshold()
        .map(t -> new SensitivityResults(all, List.of(), 0).aboveThreshold(t)).orElse(all);
    List<Entry> entries = kept.stream().map(e -> new Entry(e.quantityPath(), e.parameterName(), e.parameterPath(),
        e.pkParameter(), Double.isFinite(e.value()) ? e.value() : null, e.state().ospName())).toList();
    return new Output(output.id().value(), output.jobId().value(), entries.size(), entries, SensitivityCsv.toCsv(kept));
  }
}
