package io.mcpbridge.core.units;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Dimensions and units as OSP uses them, with conversions to and from base units and molar ↔ mass
 * conversion through a molecular weight in kg/µmol.
 *
 * <p>Unit spellings are case-sensitive; a spelling that is not found exactly is normalised once by
 * the documented alias rule ({@code u}→{@code µ}, {@code L}→{@code l}, {@code mcg}→{@code µg},
 * {@code *}→{@code ·}, {@code ^2}→{@code ²}, Greek mu → micro sign) before giving up. Dimension
 * names are matched exactly, then ignoring case. Immutable and thread-safe.
 */
public final class UnitCatalog {
  private static final UnitCatalog STANDARD = new UnitCatalog(StandardDimensions.all());

  /** Molar dimension → its mass counterpart. */
  private static final Map<String, String> MASS_COUNTERPART =
      Map.of(
          "Amount", "Mass",
          "Concentration (molar)", "Concentration (mass)",
          "AUC (molar)", "AUC (mass)");

  private final Map<String, Dimension> byName;

  /** A catalog of the given dimensions; names must be unique. */
  public UnitCatalog(List<Dimension> dimensions) {
    Map<String, Dimension> map = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      if (map.putIfAbsent(d.name(), d) != null) {
        throw new IllegalArgumentException("duplicate dimension " + d.name());
      }
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /** The built-in OSP dimensions. */
  public static UnitCatalog standard() {
    return STANDARD;
  }

  /** Every dimension, in catalog order. */
  public List<Dimension> dimensions() {
    return List.copyOf(byName.values());
  }

  /** The dimension with this OSP name (exact, then case-insensitive). */
  public Optional<Dimension> dimension(String name) {
    Objects.requireNonNull(name, "name");
    Dimension d = byName.get(name);
    if (d != null) {
      return Optional.of(d);
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (Dimension candidate : byName.values()) {
      if (candidate.name().toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The dimension with this name, or an {@link InvalidInputException} listing the known ones. */
  public Dimension requireDimension(String name) {
    return dimension(name)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "Unknown dimension '" + name + "'. Known dimensions: " + byName.keySet()));
  }

  /** The unit of {@code d} with this spelling, after the alias rule, if any. */
  public Optional<Unit> findUnit(String spelling, Dimension d) {
    Objects.requireNonNull(spelling, "unit");
    Optional<Unit> exact = d.unitExact(spelling);
    return exact.isPresent() ? exact : d.unitExact(UnitSpelling.normalize(spelling));
  }

  /**
   * The unit of {@code d} with this spelling.
   *
   * @throws InvalidInputException if the unit is unknown or belongs to another dimension; the
   *     message names the unit and the dimension and lists the accepted units
   */
  public Unit unit(String spelling, Dimension d) {
    return findUnit(spelling, d).orElseThrow(() -> notAUnitOf(spelling, d));
  }

  /** Converts {@code value} in {@code unit} to the base unit of {@code d}. */
  public double toBase(double value, String unit, Dimension d) {
    return unit(unit, d).toBase(value);
  }

  /** Converts {@code value} in the base unit of {@code d} to {@code unit}. */
  public double fromBase(double value, String unit, Dimension d) {
    return unit(unit, d).fromBase(value);
  }

  /**
   * Converts to the base unit of {@code d}, also accepting a unit of the molar/mass counterpart
   * dimension (Amount ↔ Mass, Concentration (molar) ↔ Concentration (mass), AUC (molar) ↔ AUC
   * (mass)), converted with the molecular weight.
   *
   * @param molWeight molecular weight in kg/µmol; used only when the unit is of the counterpart
   */
  public double toBase(double value, String unit, Dimension d, double molWeight) {
    Optional<Unit> own = findUnit(unit, d);
    if (own.isPresent()) {
      return own.get().toBase(value);
    }
    Dimension other = counterpart(d).orElseThrow(() -> notAUnitOf(unit, d));
    Unit u = findUnit(unit, other).orElseThrow(() -> notAUnitOf(unit, d, other));
    double inOtherBase = u.toBase(value);
    requireMolWeight(molWeight);
    return isMolar(d) ? inOtherBase / molWeight : inOtherBase * molWeight;
  }

  /** Inverse of {@link #toBase(double, String, Dimension, double)}. */
  public double fromBase(double value, String unit, Dimension d, double molWeight) {
    Optional<Unit> own = findUnit(unit, d);
    if (own.isPresent()) {
      return own.get().fromBase(value);
    }
    Dimension other = counterpart(d).orElseThrow(() -> notAUnitOf(unit, d));
    Unit u = findUnit(unit, other).orElseThrow(() -> notAUnitOf(unit, d, other));
    requireMolWeight(molWeight);
    double inOtherBase = isMolar(d) ? value * molWeight : value / molWeight;
    return u.fromBase(inOtherBase);
  }

  /** Molar base value (µmol, µmol/l, µmol·min/l) → mass base value (kg, kg/l, kg·min/l). */
  public static double molarToMass(double molarValue, double molWeight) {
    requireMolWeight(molWeight);
    return molarValue * molWeight;
  }

  /** Mass base value (kg, kg/l, kg·min/l) → molar base value (µmol, µmol/l, µmol·min/l). */
  public static double massToMolar(double massValue, double molWeight) {
    requireMolWeight(molWeight);
    return massValue / molWeight;
  }

  /** The molar/mass counterpart of a dimension, if it has one. */
  public Optional<Dimension> counterpart(Dimension d) {
    String name = MASS_COUNTERPART.get(d.name());
    if (name == null) {
      for (Map.Entry<String, String> e : MASS_COUNTERPART.entrySet()) {
        if (e.getValue().equals(d.name())) {
          name = e.getKey();
        }
      }
    }
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
  }

  /**
   * The first dimension (in catalog order) that accepts this unit. Some units belong to several
   * dimensions (e.g. {@code week(s)}: Time and Age in weeks; the empty unit: Dimensionless and
   * Fraction); see {@link #dimensionsOfUnit}.
   *
   * @throws InvalidInputException if no dimension accepts it
   */
  public Dimension dimensionOfUnit(String unit) {
    List<Dimension> all = dimensionsOfUnit(unit);
    if (all.isEmpty()) {
      throw new InvalidInputException(
          "Unknown unit '" + unit + "': it belongs to no known dimension.");
    }
    return all.get(0);
  }

  /** Every dimension accepting this unit, in catalog order. */
  public List<Dimension> dimensionsOfUnit(String unit) {
    Objects.requireNonNull(unit, "unit");
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : byName.values()) {
      if (findUnit(unit, d).isPresent()) {
        out.add(d);
      }
    }
    return out;
  }

  private static boolean isMolar(Dimension d) {
    return MASS_COUNTERPART.containsKey(d.name());
  }

  private static void requireMolWeight(double molWeight) {
    if (!(molWeight > 0) || Double.isInfinite(molWeight)) {
      throw new InvalidInputException(
          "Molecular weight must be a positive finite number in kg/µmol, got " + molWeight);
    }
  }

  private InvalidInputException notAUnitOf(String unit, Dimension expected, Dimension... alsoTried) {
    List<Dimension> owners = dimensionsOfUnit(unit);
    StringBuilder msg = new StringBuilder();
    if (owners.isEmpty()) {
      msg.append("Unknown unit '").append(unit).append("' for dimension '");
      msg.append(expected.name()).append("'.");
    } else {
      msg.append("Unit '").append(unit).append("' is not a unit of dimension '");
      msg.append(expected.name()).append("' (it is a unit of '").append(owners.get(0).name());
      msg.append("').");
    }
    msg.append(" Accepted units for '").append(expected.name()).append("': ");
    msg.append(quoted(expected.unitNames())).append('.');
    for (Dimension other : alsoTried) {
      msg.append(" With a molecular weight also: ").append(quoted(other.unitNames())).append('.');
    }
    return new InvalidInputException(msg.toString());
  }

  private static String quoted(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(n).append('\'');
    }
    return sb.toString();
  }
}
