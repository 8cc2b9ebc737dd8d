package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.service.ParameterPathMatcher;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.List;
import java.util.Optional;

/** {@code list_parameters}: quantities of a simulation matching an OSP path pattern, paged. */
public final class ListParametersTool implements Tool<ListParametersTool.Input, ListParametersTool.Output> {
  static final int MAX_LIMIT = 1000;

  /** Input of list_parameters. */
  public record Input(
      @Description("Simulation id.") String simulationId,
      @Description("OSP path pattern: * one level, ** any depth, case-insensitive; default ** (everything).") Optional<String> searchPattern,
      @Description("Revision to read; default the latest.") Optional<Integer> revision,
      @Description("Page number, from 1; default 1.") Optional<Integer> page,
      @Description("Entries per page, 1-1000; default 100.") Optional<Integer> limit) {}

  /** Output of list_parameters. */
  public record Output(
      String simulationId, int revision, List<ParameterView> parameters,
      @Description("Total matches across pages.") int total, int page, int limit) {}

  private final Simulations simulations;
  private final UnitCatalog units;

  public ListParametersTool(Simulations simulations, UnitCatalog units) {
    this.simulations = simulations;
    this.units = units;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("list_parameters", "List parameters",
        "List the parameters, amounts and observers of a simulation whose path matches an OSP pattern "
            + "(e.g. Organism|*|Volume, Organism|**|Volume), with value, unit, dimension and whether formula-driven.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    int page = input.page().orElse(1);
    int limit = input.limit().orElse(100);
    if (page < 1 || limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("page must be >= 1 and limit 1-" + MAX_LIMIT);
    }
    StoredSimulation sim = simulations.get(input.simulationId(), input.revision());
    ParameterPathMatcher matcher = ParameterPathMatcher.compile(input.searchPattern().orElse("**"));
    List<QuantityInfo> matches = simulations.model(sim).quantities().stream()
        .filter(q -> matcher.matches(q.path())).toList();
    List<ParameterView> pageItems = matches.stream().skip((long) (page - 1) * limit).limit(limit)
        .map(q -> {
          double v = simulations.valueOf(sim, q);
          boolean overridden = sim.spec().overrides().stream().anyMatch(o -> o.path().equals(q.path()));
          return ParameterView.of(q, v, overridden, units);
        }).toList();
    return new Output(sim.id().value(), sim.revision(), pageItems, matches.size(), page, limit);
  }
}
