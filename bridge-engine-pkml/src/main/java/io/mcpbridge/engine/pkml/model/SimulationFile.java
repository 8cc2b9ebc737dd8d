package io.mcpbridge.engine.pkml.model;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine reads from a {@code .pkml} file: its settings and its built model.
 *
 * @param transferVersion the {@code version} attribute of {@code SimulationTransfer}
 * @param root root container of the model (named like the simulation)
 * @param formulas the model's formula cache by id
 * @param entitiesById every entity of the tree by id
 * @param settings simulation settings
 */
public record SimulationFile(
    int transferVersion,
    Entity root,
    Map<String, FormulaDef> formulas,
    Map<String, Entity> entitiesById,
    FileSettings settings) {
  public SimulationFile {
    Objects.requireNonNull(root, "root");
    formulas = Map.copyOf(formulas);
    entitiesById = Map.copyOf(entitiesById);
    Objects.requireNonNull(settings, "settings");
  }

  /** The simulation name (root container name). */
  public String name() {
    return root.name();
  }
}
