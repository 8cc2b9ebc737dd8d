package io.mcpbridge.core.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A physical dimension as OSP names it (e.g. {@code Concentration (molar)}), with its base unit and
 * the units it accepts. Values of OSP quantities are always stored in the base unit. Immutable.
 */
public final class Dimension {
  private final String name;
  private final Unit baseUnit;
  private final List<Unit> units;
  private final Map<String, Unit> bySpelling;

  /**
   * @param name OSP dimension name
   * @param baseUnit symbol of the base unit (factor 1); it is added to the units if absent
   * @param units further units
   */
  public Dimension(String name, String baseUnit, List<Unit> units) {
    this.name = Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUnit, "baseUnit");
    List<Unit> all = new ArrayList<>();
    Unit base = null;
    for (Unit u : units) {
      if (u.name().equals(baseUnit)) {
        base = u;
      }
    }
    if (base == null) {
      base = Unit.of(baseUnit, 1.0);
      all.add(base);
    } else if (base.factor() != 1.0 || base.offset() != 0.0) {
      throw new IllegalArgumentException("base unit of " + name + " must have factor 1");
    }
    all.addAll(units);
    Map<String, Unit> spellings = new LinkedHashMap<>();
    for (Unit u : all) {
      register(spellings, u.name(), u);
      for (String alias : u.aliases()) {
        register(spellings, alias, u);
      }
    }
    this.baseUnit = base;
    this.units = Collections.unmodifiableList(all);
    this.bySpelling = Collections.unmodifiableMap(spellings);
  }

  private void register(Map<String, Unit> spellings, String spelling, Unit u) {
    if (spellings.putIfAbsent(spelling, u) != null) {
      throw new IllegalArgumentException("duplicate unit '" + spelling + "' in " + name);
    }
  }

  /** OSP dimension name. */
  public String name() {
    return name;
  }

  /** The base unit (factor 1, offset 0). */
  public Unit baseUnit() {
    return baseUnit;
  }

  /** Every unit of this dimension, base unit first. */
  public List<Unit> units() {
    return units;
  }

  /** Canonical symbols of every unit, base unit first. */
  public List<String> unitNames() {
    List<String> names = new ArrayList<>(units.size());
    for (Unit u : units) {
      names.add(u.name());
    }
    return names;
  }

  /** The unit with this exact symbol or alias (no normalisation; see {@link UnitCatalog}). */
  public Optional<Unit> unitExact(String spelling) {
    return Optional.ofNullable(bySpelling.get(spelling));
  }

  /** Every exact spelling (symbols and aliases) this dimension accepts. */
  java.util.Set<String> spellings() {
    return bySpelling.keySet();
  }

  @Override
  public String toString() {
    return name + " [" + baseUnit.name() + "]";
  }
}
