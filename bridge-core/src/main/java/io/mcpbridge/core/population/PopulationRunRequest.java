package io.mcpbridge.core.population;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a population run needs.
 *
 * @param model the loaded model the spec runs
 * @param base the spec every individual starts from (its overrides apply first, the individual's
 *     values after them, so the population's values win)
 * @param population the individuals
 * @param directory where the result files are written (created if missing)
 * @param pkOptions dose information for the per-individual PK analyses
 * @param percentiles probabilities in [0, 1] for aggregates and PK summaries
 */
public record PopulationRunRequest(
    LoadedModel model,
    SimulationSpec base,
    Population population,
    Path directory,
    PkOptions pkOptions,
    List<Double> percentiles) {

  /** The percentiles reported by default: 5, 25, 50, 75 and 95 %. */
  public static final List<Double> DEFAULT_PERCENTILES = List.of(0.05, 0.25, 0.5, 0.75, 0.95);

  public PopulationRunRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(pkOptions, "pkOptions");
    percentiles = List.copyOf(percentiles);
    for (double p : percentiles) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("percentiles must be probabilities in [0, 1], got " + p);
      }
    }
    if (!base.model().equals(model.ref())) {
      throw new IllegalArgumentException("the spec runs another model than the loaded one");
    }
  }
}
