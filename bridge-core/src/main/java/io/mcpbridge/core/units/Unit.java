package io.mcpbridge.core.units;

import java.util.List;
import java.util.Objects;

/**
 * One unit of a dimension. A value {@code v} in this unit is {@code v * factor + offset} in the
 * dimension's base unit; the offset is non-zero only for affine units such as °C.
 *
 * @param name canonical symbol, e.g. {@code µmol/l}
 * @param factor multiplier to the base unit (positive, finite)
 * @param offset additive term to the base unit, usually 0
 * @param aliases further accepted spellings (exact, case-sensitive), e.g. {@code hr} for {@code h}
 */
public record Unit(String name, double factor, double offset, List<String> aliases) {
  public Unit {
    Objects.requireNonNull(name, "name");
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("unit factor must be positive and finite: " + name);
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("unit offset must be finite: " + name);
    }
    aliases = List.copyOf(aliases);
  }

  /** A linear unit without aliases. */
  public static Unit of(String name, double factor, String... aliases) {
    return new Unit(name, factor, 0.0, List.of(aliases));
  }

  /** Converts a value in this unit to the base unit. */
  public double toBase(double value) {
    return value * factor + offset;
  }

  /** Converts a value in the base unit to this unit. */
  public double fromBase(double value) {
    return (value - offset) / factor;
  }
}
