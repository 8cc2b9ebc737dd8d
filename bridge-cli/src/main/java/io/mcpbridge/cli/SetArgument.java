package io.mcpbridge.cli;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --set PATH=VALUE[UNIT]} argument, e.g. {@code Organism|Liver|Volume=2.5 l} or
 * {@code Organism|k=0.6 1/h}. Without a unit the value is taken in the quantity's base unit.
 *
 * @param path quantity path without the simulation name
 * @param value the number as written
 * @param unit the unit as written, empty for base units
 */
record SetArgument(String path, double value, String unit) {
  private static final Pattern FORM =
      Pattern.compile("(.+?)=\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*)");

  /** Parses the argument text; throws {@link InvalidInputException} if it is not PATH=VALUE[UNIT]. */
  static SetArgument parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidInputException("--set '" + text + "': expected PATH=VALUE[UNIT], e.g. 'Organism|Volume=2 l'");
    }
    return new SetArgument(m.group(1).strip(), Double.parseDouble(m.group(2)), m.group(3).strip());
  }

  /**
   * The override in base units, converted with the quantity's dimension.
   *
   * @throws InvalidInputException if the model has no such quantity, or the unit does not belong to
   *     its dimension
   */
  ParameterOverride toOverride(LoadedModel model, UnitCatalog units) {
    QuantityInfo q = model.quantity(path).orElseThrow(() -> new InvalidInputException(
        "--set: the model has no quantity '" + path + "'"));
    if (unit.isEmpty()) {
      return new ParameterOverride(path, value);
    }
    try {
      return new ParameterOverride(path, units.toBase(value, unit, units.requireDimension(q.dimension())));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--set " + path + ": unit '" + unit + "' does not fit the dimension '"
          + q.dimension() + "' of this quantity (" + e.getMessage() + ")", e);
    }
  }
}
