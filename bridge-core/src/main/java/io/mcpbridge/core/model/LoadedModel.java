package io.mcpbridge.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model file contains, as far as users and use cases need to know.
 *
 * @param ref the exact file
 * @param name the simulation's name (root container)
 * @param quantities every parameter, amount and observer, in tree order
 * @param outputPaths the quantities selected as outputs in the file
 * @param outputIntervals the file's output schema
 * @param solver the file's solver settings
 */
public record LoadedModel(
    ModelRef ref,
    String name,
    List<QuantityInfo> quantities,
    List<String> outputPaths,
    List<OutputInterval> outputIntervals,
    SolverSettings solver) {
  public LoadedModel {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    quantities = List.copyOf(quantities);
    outputPaths = List.copyOf(outputPaths);
    outputIntervals = List.copyOf(outputIntervals);
    Objects.requireNonNull(solver, "solver");
  }

  /** The quantity with exactly this path, if any. */
  public Optional<QuantityInfo> quantity(String path) {
    return quantities.stream().filter(q -> q.path().equals(path)).findFirst();
  }
}
