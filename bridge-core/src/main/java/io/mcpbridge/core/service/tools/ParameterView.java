package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;

/** A quantity as tools show it: value in the base unit of its dimension. */
public record ParameterView(
    @Description("Full path without the simulation name, e.g. Organism|Liver|Volume.") String path,
    @Description("Value in the base unit (NaN is reported as null).") Double value,
    @Description("Base unit of the value, e.g. l, µmol, min.") String unit,
    @Description("The model's preferred display unit.") String displayUnit,
    @Description("OSP dimension name.") String dimension,
    @Description("parameter, distributed_parameter, molecule_amount or observer.") String kind,
    @Description("True if the value comes from a formula (setting it fixes the value, like OSP).") boolean formulaDriven,
    @Description("True if the value was set in this simulation (an override), false if from the model file.") boolean overridden) {

  static ParameterView of(QuantityInfo q, double value, boolean overridden, UnitCatalog units) {
    String unit = units.dimension(q.dimension()).map(Dimension::baseUnit).map(u -> u.name()).orElse("");
    return new ParameterView(q.path(), Double.isNaN(value) ? null : value, unit, q.displayUnit(), q.dimension(),
        q.kind().name().toLowerCase(java.util.Locale.ROOT), q.formulaDriven() && !overridden, overridden);
  }
}
