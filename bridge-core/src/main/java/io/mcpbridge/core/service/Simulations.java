package io.mcpbridge.core.service;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.Optional;

/** Reads stored simulations and what their quantities are worth in a given revision. Thread-safe. */
public final class Simulations {
  private final JobRegistry registry;
  private final SimulationEngine engine;

  public Simulations(JobRegistry registry, SimulationEngine engine) {
    this.registry = registry;
    this.engine = engine;
  }

  /** A quantity's value in one revision, and whether an override set it. */
  public record CurrentValue(QuantityInfo quantity, double value, boolean overridden) {}

  /**
   * A revision of a simulation; the latest when {@code revision} is empty.
   *
   * @throws NotFoundException if the simulation or revision does not exist
   */
  public StoredSimulation get(String simulationId, Optional<Integer> revision) {
    SimulationId id = parseId(simulationId);
    Optional<StoredSimulation> found = revision.isPresent()
        ? registry.findSimulation(id, revision.get()) : registry.findSimulation(id);
    return found.orElseThrow(() -> new NotFoundException("no simulation " + simulationId
        + revision.map(r -> " revision " + r).orElse("")));
  }

  /** The model behind a simulation (parsed once per file content by the engine). */
  public LoadedModel model(StoredSimulation simulation) {
    return engine.load(simulation.spec().model());
  }

  /**
   * The value of one exact path in a revision.
   *
   * @throws InvalidInputException if the path contains a wildcard
   * @throws NotFoundException if the model has no such quantity
   */
  public CurrentValue value(StoredSimulation simulation, String path) {
    if (path.contains("*")) {
      throw new InvalidInputException("accessing a value by path does not accept wildcards: " + path
          + " (use list_parameters to search)");
    }
    LoadedModel model = model(simulation);
    QuantityInfo q = model.quantity(path).orElseThrow(() ->
        new NotFoundException("simulation " + simulation.id() + " has no quantity " + path));
    Optional<ParameterOverride> last = simulation.spec().overrides().stream()
        .filter(o -> o.path().equals(path)).reduce((a, b) -> b);
    return new CurrentValue(q, last.map(ParameterOverride::value).orElse(q.value()), last.isPresent());
  }

  /** The value of a quantity known to exist, after overrides. */
  public double valueOf(StoredSimulation simulation, QuantityInfo q) {
    return simulation.spec().overrides().stream().filter(o -> o.path().equals(q.path()))
        .reduce((a, b) -> b).map(ParameterOverride::value).orElse(q.value());
  }

  static SimulationId parseId(String simulationId) {
    try {
      return new SimulationId(simulationId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("simulationId must be 1-64 characters of letters, digits, '-' or '_'");
    }
  }
}
