package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code set_parameter_value}: fix a quantity's value, producing a new revision of the simulation
 * (the previous revision stays addressable). Units convert through the quantity's dimension,
 * including molar ↔ mass with the molecule's molecular weight.
 */
public final class SetParameterValueTool implements Tool<SetParameterValueTool.Input, SetParameterValueTool.Output> {
  /** Input of set_parameter_value. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("Exact quantity path (no wildcards).") String parameterPath,
      @Description("New value (absolute mode) or factor (scale mode).") double value,
      @Description("Unit of the value (absolute mode); default the base unit. Mass units are accepted for molar quantities and vice versa, converted with the molecule's molecular weight.") Optional<String> unit,
      @Description("absolute (default): set the value; scale: multiply the current value by `value`.") Optional<String> updateMode,
      @Description("Why the value changes; recorded with the revision's audit event.") Optional<String> comment) {}

  /** Output of set_parameter_value. */
  public record Output(
      String simulationId,
      @Description("The new revision.") int revision,
      @Description("The revision it was derived from.") int previousRevision,
      @Description("The value before the change, in the base unit.") Double previousValue,
      ParameterView parameter) {}

  private final Simulations simulations;
  private final JobRegistry registry;
  private final UnitCatalog units;
  private final Clock clock;

  public SetParameterValueTool(Simulations simulations, JobRegistry registry, UnitCatalog units, Clock clock) {
    this.simulations = simulations;
    this.registry = registry;
    this.units = units;
    this.clock = clock;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("set_parameter_value", "Set parameter value",
        "Set (or scale) one quantity of a simulation; the value becomes fixed, like in OSP. Creates a new revision; "
            + "earlier revisions stay readable and runnable.",
        Role.OPERATOR, true, false, true, false, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    if (!Double.isFinite(input.value())) {
      throw new InvalidInputException("value must be a finite number", List.of(ErrorDetail.error("value", "not finite")));
    }
    String mode = input.updateMode().orElse("absolute").toLowerCase(Locale.ROOT);
    StoredSimulation current = simulations.get(input.simulationId(), Optional.empty());
    Simulations.CurrentValue before = simulations.value(current, input.parameterPath());
    QuantityInfo q = before.quantity();
    double newValue;
    switch (mode) {
      case "absolute":
        newValue = input.unit().isPresent() ? toBase(current, q, input.value(), input.unit().get()) : input.value();
        break;
      case "scale":
        if (input.unit().isPresent()) {
          throw new InvalidInputException("scale mode multiplies by a dimensionless factor; omit unit");
        }
        newValue = before.value() * input.value();
        break;
      default:
        throw new InvalidInputException("updateMode must be absolute or scale, not " + mode,
            List.of(ErrorDetail.error("updateMode", "unknown mode")));
    }
    StoredSimulation next = new StoredSimulation(current.id(), current.revision() + 1,
        current.spec().withOverride(new ParameterOverride(q.path(), newValue)), context.principal().subject(),
        clock.instant());
    registry.saveSimulation(next);
    return new Output(next.id().value(), next.revision(), current.revision(),
        Double.isNaN(before.value()) ? null : before.value(), ParameterView.of(q, newValue, true, units));
  }

  private double toBase(StoredSimulation sim, QuantityInfo q, double value, String unit) {
    Dimension d = units.dimension(q.dimension()).orElseThrow(() -> new InvalidInputException(
        q.path() + " has dimension '" + q.dimension() + "', which has no units to convert from; omit unit"));
    if (units.findUnit(unit, d).isPresent()) {
      return units.toBase(value, unit, d);
    }
    Optional<Dimension> other = units.counterpart(d);
    if (other.isEmpty() || units.findUnit(unit, other.get()).isEmpty()) {
      List<String> accepted = new java.util.ArrayList<>(d.units().stream().map(u -> u.name()).toList());
      other.ifPresent(o -> o.units().forEach(u -> accepted.add(u.name())));
      throw new InvalidInputException("unit '" + unit + "' does not fit " + q.path() + " (dimension " + d.name()
          + "; accepted: " + String.join(", ", accepted) + ")", List.of(ErrorDetail.error("unit", "wrong dimension")));
    }
    double mw = simulations.molecularWeight(sim, q).orElseThrow(() -> new InvalidInputException("converting " + unit
        + " for " + q.path() + " needs the molecule's molecular weight, which the model does not define"));
    return units.toBase(value, unit, d, mw);
  }
}
