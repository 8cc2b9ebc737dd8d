package io.mcpbridge.core.population;

import io.mcpbridge.core.pk.PkOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a population job needs besides its simulation revision and its individuals.
 *
 * @param percentiles probabilities in [0, 1] of the aggregates
 * @param dosePerBodyWeight total drug mass per body weight (µmol/kg) for the PK analyses
 * @param infusionTime infusion time (min) for the PK analyses
 */
public record PopulationJobSettings(List<Double> percentiles, Optional<Double> dosePerBodyWeight,
    Optional<Double> infusionTime) {
  public PopulationJobSettings {
    percentiles = List.copyOf(percentiles);
    Objects.requireNonNull(dosePerBodyWeight, "dosePerBodyWeight");
    Objects.requireNonNull(infusionTime, "infusionTime");
  }

  /** The PK options these settings give. */
  public PkOptions pkOptions() {
    PkOptions options = PkOptions.defaults();
    if (dosePerBodyWeight.isPresent()) {
      options = options.withTotalDrugMassPerBodyWeight(dosePerBodyWeight.get());
    }
    if (infusionTime.isPresent()) {
      options = options.withInfusionTime(infusionTime.get());
    }
    return options;
  }
}
