package io.mcpbridge.core.population;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SolverSettings;
import java.nio.file.Path;
import java.util.List;

/** A small model description with parameters of different dimensions, for reader tests. */
final class PopulationModels {
  private PopulationModels() {}

  static LoadedModel small() {
    return new LoadedModel(
        new ModelRef(Path.of("/models/small.pkml").toAbsolutePath(), "0".repeat(64)),
        "Small",
        List.of(
            parameter("Organism|Weight", "Mass"),
            parameter("Organism|Height", "Length"),
            parameter("Organism|p1", "Amount"),
            parameter("Organism|Liver|Volume", "Volume"),
            parameter("Organism|k", "Inversed time")),
        List.of(),
        List.of(),
        SolverSettings.ospDefaults());
  }

  static QuantityInfo parameter(String path, String dimension) {
    return new QuantityInfo(path, QuantityKind.PARAMETER, 1.0, dimension, "", false, false);
  }
}
