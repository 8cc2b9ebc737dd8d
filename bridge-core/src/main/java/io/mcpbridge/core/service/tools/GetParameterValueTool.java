package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.Optional;

/** {@code get_parameter_value}: one quantity's value in a revision, optionally in another unit. */
public final class GetParameterValueTool implements Tool<GetParameterValueTool.Input, GetParameterValueTool.Output> {

  /** Input of get_parameter_value. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Exact quantity path (no wildcards), e.g. Organism|Liver|Volume.") String parameterPath,
      @Description("Revision to read; default the latest.") Optional<Integer> revision,
      @Description("Also report the value in this unit (must fit the dimension).") Optional<String> unit) {}

  /** Output of get_parameter_value. */
  public record Output(
      String simulationId, int revision, ParameterView parameter,
      @Description("The value converted to the requested unit, if one was asked for.") Optional<Converted> converted) {}

  /** A value in a requested unit. */
  public record Converted(Double value, String unit) {}

  private final Simulations simulations;
  private final UnitCatalog units;

  public GetParameterValueTool(Simulations simulations, UnitCatalog units) {
    this.simulations = simulations;
    this.units = units;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("get_parameter_value", "Get parameter value",
        "Read the current value of one quantity (exact path) of a simulation, in its base unit and optionally another unit.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    Simulations.CurrentValue current = simulations.value(sim, input.parameterPath());
    ParameterView view = ParameterView.of(current.quantity(), current.value(), current.overridden(), units);
    Optional<Converted> converted = input.unit().map(u -> {
      double v = fromBase(sim, current, u);
      return new Converted(Double.isNaN(v) ? null : v, u);
    });
    return new Output(sim.id().value(), sim.revision(), view, converted);
  }

  /** The value in {@code unit}; mass units for molar quantities (and back) go through the molecular weight. */
  private double fromBase(StoredSimulation sim, Simulations.CurrentValue current, String unit) {
    Dimension d = units.requireDimension(current.quantity().dimension());
    if (units.findUnit(unit, d).isPresent() || units.counterpart(d).isEmpty()) {
      return units.fromBase(current.value(), unit, d);
    }
    double mw = simulations.molecularWeight(sim, current.quantity()).orElseThrow(() -> new InvalidInputException(
        "reporting " + current.quantity().path() + " in " + unit + " needs the molecule's molecular weight, "
            + "which the model does not define"));
    return units.fromBase(current.value(), unit, d, mw);
  }
}
