package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code get_simulation_results}: the time courses of a finished run. */
public final class GetSimulationResultsTool implements Tool<GetSimulationResultsTool.Input, GetSimulationResultsTool.Output> {

  /** Input of get_simulation_results. */
  public record Input(
      @Description("Results id from get_job_status (resultHandle.resultsId).") String resultsId,
      @Description("Only these quantity paths; default all reported outputs.") Optional<List<String>> outputPaths) {}

  /** Output of get_simulation_results. */
  public record Output(
      String resultsId,
      String simulationId,
      int revision,
      String jobId,
      @Description("Output times.") double[] times,
      @Description("Unit of the times: min.") String timeUnit,
      List<Series> series) {}

  /** One time course, values in the base unit of its dimension (NaN as null is not used: NaN stays NaN). */
  public record Series(String path, String dimension, String unit, double[] values) {}

  private final JobRegistry registry;
  private final UnitCatalog units;

  public GetSimulationResultsTool(JobRegistry registry, UnitCatalog units) {
    this.registry = registry;
    this.units = units;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_simulation_results", "Get simulation results",
        "Return the time courses of a finished run: output times (min) and one series per quantity in base units.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    StoredResult stored = Results.find(registry, input.resultsId());
    SimulationResult r = stored.result();
    List<Series> series = new ArrayList<>();
    if (input.outputPaths().isPresent()) {
      if (input.outputPaths().get().isEmpty()) {
        throw new InvalidInputException("outputPaths must not be empty when given");
      }
      for (String p : input.outputPaths().get()) {
        series.add(view(r.series(p).orElseThrow(() -> new NotFoundException("result " + input.resultsId()
            + " has no series " + p + "; available: " + r.series().stream().map(TimeSeries::path).toList()))));
      }
    } else {
      r.series().forEach(s -> series.add(view(s)));
    }
    return new Output(stored.id().value(), stored.simulationId().value(), stored.revision(), stored.jobId().value(),
        r.times(), "min", series);
  }

  private Series view(TimeSeries s) {
    String unit = units.dimension(s.dimension()).map(Dimension::baseUnit).map(u -> u.name()).orElse("");
    return new Series(s.path(), s.dimension(), unit, s.values());
  }
}
