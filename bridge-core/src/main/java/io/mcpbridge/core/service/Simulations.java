package io.mcpbridge.core.service;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Reads stored simulations and what their quantities are worth in a given revision. Model
 * descriptions are cached per {@link ModelRef} (path + content hash): a description belongs to the
 * bytes that were admitted, and runs re-check those bytes anyway. Thread-safe.
 */
public final class Simulations {
  private static final String MOLECULAR_WEIGHT = "Molecular weight";
  private static final int CACHED_DESCRIPTIONS = 64;

  private final JobRegistry registry;
  private final SimulationEngine engine;
  private final Map<ModelRef, Description> descriptions = new ConcurrentHashMap<>();

  /** A model with its quantities indexed by path. */
  private record Description(LoadedModel model, Map<String, QuantityInfo> byPath) {
    static Description of(LoadedModel model) {
      Map<String, QuantityInfo> byPath = new HashMap<>();
      for (QuantityInfo q : model.quantities()) {
        byPath.putIfAbsent(q.path(), q);
      }
      return new Description(model, Map.copyOf(byPath));
    }
  }

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

  /** The model behind a simulation. */
  public LoadedModel model(StoredSimulation simulation) {
    return describe(simulation).model();
  }

  private Description describe(StoredSimulation simulation) {
    ModelRef ref = simulation.spec().model();
    Description d = descriptions.get(ref);
    if (d == null) {
      d = Description.of(engine.load(ref));
      if (descriptions.size() >= CACHED_DESCRIPTIONS) {
        descriptions.clear(); // rare: more distinct models than the cache holds
      }
      descriptions.put(ref, d);
    }
    return d;
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
    QuantityInfo q = describe(simulation).byPath().get(path);
    if (q == null) {
      throw new NotFoundException("simulation " + simulation.id() + " has no quantity " + path);
    }
    Optional<ParameterOverride> last = simulation.spec().overrides().stream()
        .filter(o -> o.path().equals(path)).reduce((a, b) -> b);
    return new CurrentValue(q, last.map(ParameterOverride::value).orElse(q.value()), last.isPresent());
  }

  /** The value of a quantity known to exist, after overrides. */
  public double valueOf(StoredSimulation simulation, QuantityInfo q) {
    return simulation.spec().overrides().stream().filter(o -> o.path().equals(q.path()))
        .reduce((a, b) -> b).map(ParameterOverride::value).orElse(q.value());
  }

  /**
   * The molecular weight (kg/µmol) for converting a quantity between molar and mass units: that of
   * the nearest path segment naming a molecule with a {@code Molecular weight}; else, for
   * quantities outside any molecule (an application's dose), the model's only molecular weight.
   *
   * @return empty if none applies or the model defines several and the path names none of them
   */
  public Optional<Double> molecularWeight(StoredSimulation simulation, QuantityInfo q) {
    LoadedModel model = model(simulation);
    String[] segments = q.path().split("\\|");
    for (int i = segments.length - 1; i >= 0; i--) {
      Optional<Double> mw = model.quantity(segments[i] + "|" + MOLECULAR_WEIGHT).map(w -> valueOf(simulation, w))
          .filter(Simulations::usableWeight);
      if (mw.isPresent()) {
        return mw;
      }
    }
    List<Double> all = model.quantities().stream()
        .filter(w -> w.path().endsWith("|" + MOLECULAR_WEIGHT) && w.path().split("\\|").length == 2)
        .map(w -> valueOf(simulation, w)).filter(Simulations::usableWeight).distinct().toList();
    return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
  }

  private static boolean usableWeight(double value) {
    return value > 0 && Double.isFinite(value);
  }

  static SimulationId parseId(String simulationId) {
    try {
      return new SimulationId(simulationId);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("simulationId must be 1-64 characters of letters, digits, '-' or '_'");
    }
  }
}
