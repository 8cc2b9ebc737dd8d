package io.mcpbridge.core.pk;

import java.util.Map;

/**
 * The display units OSP writes PK analyses in (PK-Sim's and ospsuite's PK-analyses CSV export), for
 * the base units {@link PkParameterCalculator} reports for a molar concentration series: times in h,
 * CL in ml/min/kg, volumes in ml/kg, and the odd normalised units OSP keeps because of the kg of
 * body weight in the denominator (C_max_norm in mg/l, AUC_norm in µg·min/l). Other base units are
 * written as they are, with OSP's {@code *} for the product sign.
 */
public final class OspDisplayUnits {
  /** Display unit and the factor from the base unit (display value = base value × factor). */
  public record Display(String unit, double factor) {}

  private static final Map<String, Display> BY_BASE_UNIT = Map.of(
      "min", new Display("h", 1.0 / 60),
      "µmol/l", new Display("µmol/l", 1),
      "µmol·min/l", new Display("µmol*min/l", 1),
      "l/min/kg", new Display("ml/min/kg", 1e3),
      "l/kg", new Display("ml/kg", 1e3),
      "kg/l", new Display("mg/l", 1e6),
      "kg·min/l", new Display("µg*min/l", 1e9));

  private OspDisplayUnits() {}

  /** How a value in {@code baseUnit} is displayed. */
  public static Display of(String baseUnit) {
    Display d = BY_BASE_UNIT.get(baseUnit);
    return d != null ? d : new Display(baseUnit.replace('·', '*'), 1);
  }
}
