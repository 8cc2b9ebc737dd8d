package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * A quantity of a loaded model as users see it.
 *
 * @param path full path without the root (simulation) name, e.g. {@code Organism|Liver|Volume}
 * @param kind parameter, amount or observer
 * @param value current value in the base unit of its dimension at t = 0 (NaN if undefined)
 * @param dimension OSP dimension name, e.g. {@code Volume}, {@code Concentration (molar)}
 * @param displayUnit the unit the model prefers for display (cosmetic), possibly empty
 * @param formulaDriven true if the value comes from a formula rather than a fixed number
 * @param stateVariable true if the quantity is an unknown of the ODE system
 */
public record QuantityInfo(
    String path,
    QuantityKind kind,
    double value,
    String dimension,
    String displayUnit,
    boolean formulaDriven,
    boolean stateVariable) {
  public QuantityInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(displayUnit, "displayUnit");
  }
}
