package io.mcpbridge.core.units;

import static io.mcpbridge.core.units.Unit.of;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in dimension table. Base units follow OSP's convention (kg, dm, min, µmol, l); where a
 * reference model only showed a display unit, the base unit was inferred from the stored value and
 * noted below.
 */
final class StandardDimensions {
  private StandardDimensions() {}

  static final double MIN_PER_DAY = 1440.0;
  // Julian year (365.25 days), so month = year / 12.
  static final double MIN_PER_YEAR = 365.25 * MIN_PER_DAY;
  // One "base" pressure unit is kg/(dm·min²) = 1/360 Pa; mmHg is taken as 101325/760 Pa (torr).
  static final double PA = 360.0;
  static final double MMHG = 101325.0 / 760.0 * PA;
  // Base energy kg·dm²/min² = 1/360000 J.
  static final double JOULE = 360000.0;

  static List<Dimension> all() {
    List<Dimension> d = new ArrayList<>();
    // Order matters: dimensionOfUnit answers with the first dimension accepting a unit.
    d.add(dim("Time", "min",
        of("s", 1.0 / 60, "sec"),
        of("min", 1.0, "mins", "minute", "minutes"),
        of("h", 60.0, "hr", "hour", "hours", "hour(s)"),
        of("day(s)", MIN_PER_DAY, "day", "days", "d"),
        of("week(s)", 7 * MIN_PER_DAY, "week", "weeks", "wk"),
        of("month(s)", MIN_PER_YEAR / 12, "month", "months"),
        of("year(s)", MIN_PER_YEAR, "year", "years", "yr")));
    d.add(dim("Amount", "µmol",
        of("mol", 1e6), of("mmol", 1e3), of("µmol", 1.0), of("nmol", 1e-3), of("pmol", 1e-6)));
    d.add(dim("Mass", "kg",
        of("kg", 1.0), of("g", 1e-3), of("mg", 1e-6), of("µg", 1e-9), of("ng", 1e-12),
        of("pg", 1e-15)));
    d.add(dim("Volume", "l",
        of("l", 1.0), of("dl", 0.1), of("ml", 1e-3), of("µl", 1e-6), of("nl", 1e-9),
        of("m³", 1e3), of("dm³", 1.0), of("cm³", 1e-3, "cc"), of("mm³", 1e-6)));
    d.add(dim("Concentration (molar)", "µmol/l",
        of("mol/l", 1e6, "M"), of("mmol/l", 1e3, "mM"), of("µmol/l", 1.0, "µM"),
        of("nmol/l", 1e-3, "nM"), of("pmol/l", 1e-6, "pM"), of("µmol/ml", 1e3),
        of("nmol/ml", 1.0), of("pmol/ml", 1e-3), of("µmol/dl", 10.0)));
    d.add(dim("Concentration (mass)", "kg/l",
        of("kg/l", 1.0), of("g/l", 1e-3), of("mg/l", 1e-6), of("µg/l", 1e-9), of("ng/l", 1e-12),
        of("mg/ml", 1e-3), of("µg/ml", 1e-6), of("ng/ml", 1e-9), of("pg/ml", 1e-12),
        of("g/dl", 1e-2), of("mg/dl", 1e-5), of("µg/dl", 1e-8)));
    d.add(dim("Flow", "l/min",
        of("l/min", 1.0), of("ml/min", 1e-3), of("µl/min", 1e-6), of("l/h", 1.0 / 60),
        of("ml/h", 1e-3 / 60), of("l/s", 60.0), of("ml/s", 0.06), of("l/day", 1.0 / MIN_PER_DAY),
        of("ml/day", 1e-3 / MIN_PER_DAY)));
    d.add(dim("Molecular weight", "kg/µmol",
        of("kg/µmol", 1.0), of("g/mol", 1e-9, "Da"), of("kg/mol", 1e-6), of("mg/mmol", 1e-9),
        of("g/µmol", 1e-3)));
    d.add(dim("Amount per time", "µmol/min",
        of("mol/min", 1e6), of("mmol/min", 1e3), of("µmol/min", 1.0), of("nmol/min", 1e-3),
        of("pmol/min", 1e-6), of("mmol/h", 1e3 / 60), of("µmol/h", 1.0 / 60),
        of("nmol/h", 1e-3 / 60), of("µmol/s", 60.0), of("µmol/day", 1.0 / MIN_PER_DAY)));
    d.add(dim("AUC (molar)", "µmol·min/l",
        of("µmol·min/l", 1.0), of("µmol·h/l", 60.0), of("µmol·day/l", MIN_PER_DAY),
        of("mmol·min/l", 1e3), of("mmol·h/l", 6e4), of("nmol·min/l", 1e-3),
        of("nmol·h/l", 0.06), of("pmol·min/l", 1e-6), of("pmol·h/l", 6e-5),
        of("µM·min", 1.0), of("µM·h", 60.0), of("nM·h", 0.06)));
    d.add(dim("AUC (mass)", "kg·min/l",
        of("kg·min/l", 1.0), of("g·min/l", 1e-3), of("mg·min/l", 1e-6), of("µg·min/l", 1e-9),
        of("ng·min/l", 1e-12), of("mg·h/l", 6e-5), of("µg·h/l", 6e-8), of("ng·h/l", 6e-11),
        of("µg·min/ml", 1e-6), of("ng·min/ml", 1e-9), of("µg·h/ml", 6e-5), of("ng·h/ml", 6e-8)));
    d.add(dim("Inversed time", "1/min",
        of("1/min", 1.0), of("1/s", 60.0), of("1/h", 1.0 / 60), of("1/day", 1.0 / MIN_PER_DAY),
        of("1/week", 1.0 / (7 * MIN_PER_DAY))));
    d.add(dim("Dimensionless", ""));
    d.add(dim("Fraction", "", of("%", 0.01)));
    d.add(dim("Log Units", "Log Units"));
    d.add(dim("Length", "dm",
        of("km", 1e4), of("m", 10.0), of("dm", 1.0), of("cm", 0.1), of("mm", 0.01),
        of("µm", 1e-5), of("nm", 1e-8)));
    d.add(dim("Area", "dm²",
        of("m²", 100.0), of("dm²", 1.0), of("cm²", 0.01), of("mm²", 1e-4), of("µm²", 1e-10)));
    d.add(dim("Resolution", "pts/min",
        of("pts/min", 1.0), of("pts/h", 1.0 / 60), of("pts/s", 60.0),
        of("pts/day", 1.0 / MIN_PER_DAY)));
    d.add(dim("Temperature", "K",
        of("K", 1.0), new Unit("°C", 1.0, 273.15, List.of("degC"))));
    d.add(dim("Age in years", "year(s)",
        of("year(s)", 1.0, "year", "years"), of("month(s)", 1.0 / 12, "month", "months"),
        of("week(s)", 7 * MIN_PER_DAY / MIN_PER_YEAR, "week", "weeks"),
        of("day(s)", MIN_PER_DAY / MIN_PER_YEAR, "day", "days")));
    d.add(dim("Age in weeks", "week(s)",
        of("week(s)", 1.0, "week", "weeks"), of("day(s)", 1.0 / 7, "day", "days")));
    d.add(dim("Velocity", "dm/min",
        of("dm/min", 1.0), of("m/s", 600.0), of("cm/s", 6.0), of("cm/min", 0.1),
        of("cm/h", 0.1 / 60), of("mm/min", 0.01), of("µm/s", 6e-4), of("µm/min", 1e-5),
        of("nm/s", 6e-7)));
    d.add(dim("Density", "kg/l", of("kg/l", 1.0), of("g/cm³", 1.0), of("g/ml", 1.0)));
    d.add(dim("Diffusion coefficient", "dm²/min",
        of("dm²/min", 1.0), of("cm²/s", 0.6), of("cm²/min", 0.01), of("m²/s", 6000.0),
        of("µm²/s", 6e-9), of("µm²/min", 1e-10)));
    d.add(dim("BMI", "kg/dm²", of("kg/dm²", 1.0), of("kg/m²", 0.01)));
    d.add(dim("Flow per weight organ", "l/min/kg organ",
        of("l/min/kg organ", 1.0), of("ml/min/kg organ", 1e-3), of("ml/min/g organ", 1.0),
        of("ml/min/100g organ", 0.01)));
    d.add(dim("Flow per weight", "l/min/kg",
        of("l/min/kg", 1.0), of("ml/min/kg", 1e-3), of("l/h/kg", 1.0 / 60),
        of("ml/h/kg", 1e-3 / 60)));
    d.add(dim("Volume per body weight", "l/kg", of("l/kg", 1.0), of("ml/kg", 1e-3)));
    d.add(dim("Dose per body weight", "kg/kg",
        of("kg/kg", 1.0), of("g/kg", 1e-3), of("mg/kg", 1e-6), of("µg/kg", 1e-9),
        of("ng/kg", 1e-12)));
    d.add(dim("Amount per body weight", "µmol/kg",
        of("mol/kg", 1e6), of("mmol/kg", 1e3), of("µmol/kg", 1.0), of("nmol/kg", 1e-3),
        of("pmol/kg", 1e-6)));
    d.add(dim("Concentration (molar) per time", "µmol/l/min",
        of("µmol/l/min", 1.0), of("µmol/l/h", 1.0 / 60), of("nmol/l/min", 1e-3),
        of("nmol/l/h", 1e-3 / 60), of("mmol/l/min", 1e3)));
    d.add(dim("Second order rate constant", "l/µmol/min",
        of("l/µmol/min", 1.0), of("l/µmol/h", 1.0 / 60), of("l/mmol/min", 1e-3),
        of("l/nmol/min", 1e3), of("l/mol/min", 1e-6), of("l/mol/s", 6e-5)));
    d.add(dim("Inversed concentration (molar)", "l/µmol",
        of("l/µmol", 1.0), of("l/mmol", 1e-3), of("l/mol", 1e-6), of("ml/mol", 1e-9),
        of("l/nmol", 1e3)));
    d.add(dim("Inversed length", "1/dm",
        of("1/dm", 1.0), of("1/m", 0.1), of("1/cm", 10.0), of("1/mm", 100.0),
        of("1/µm", 1e5)));
    d.add(dim("Inversed mol", "1/µmol",
        of("1/µmol", 1.0), of("1/mol", 1e-6), of("1/mmol", 1e-3), of("1/nmol", 1e3)));
    d.add(dim("Inversed volume", "1/l", of("1/l", 1.0), of("1/ml", 1e3)));
    d.add(dim("Flow²", "(l/min)²", of("(l/min)²", 1.0), of("(ml/min)²", 1e-6)));
    d.add(dim("Mass per area", "kg/dm²",
        of("kg/dm²", 1.0), of("kg/m²", 0.01), of("g/m²", 1e-5), of("mg/m²", 1e-8),
        of("mg/cm²", 1e-4), of("µg/cm²", 1e-7)));
    d.add(dim("Mass per area per time", "kg/dm²/min",
        of("kg/dm²/min", 1.0), of("mg/cm²/h", 1e-4 / 60), of("µg/cm²/h", 1e-7 / 60),
        of("µg/cm²/min", 1e-7)));
    d.add(dim("Mass per tissue", "kg/kg tissue",
        of("kg/kg tissue", 1.0), of("g/kg tissue", 1e-3), of("mg/g", 1e-3, "mg/g tissue"),
        of("µg/g", 1e-6, "µg/g tissue")));
    // Stored "Number of cells/g tissue" 139000 shown as 139 x10^6/g: base is 10^6 per kg.
    d.add(dim("Count per mass", "x10^6/kg",
        of("x10^6/kg", 1.0), of("x10^6/g", 1e3), of("1/g", 1e-3), of("1/kg", 1e-6)));
    d.add(dim("Pressure", "kg/(dm·min²)",
        of("kg/(dm·min²)", 1.0), of("Pa", PA), of("kPa", 1e3 * PA), of("bar", 1e5 * PA),
        of("atm", 101325.0 * PA), of("mmHg", MMHG, "Torr")));
    // dm/min per base pressure: dm²·min/kg; 1 ml/min/N = 1e-3 dm³/min / (36000 kg·dm/min²).
    d.add(dim("Hydraulic conductivity", "dm²·min/kg",
        of("dm²·min/kg", 1.0), of("ml/min/N", 1e-3 / 36000.0), of("l/min/N", 1.0 / 36000.0)));
    // R·T per amount; stored 928.8 shown as 258000 N·cm/mol (RT at ~310 K = 2580 J/mol).
    d.add(dim("RT", "kg·dm²/(min²·µmol)",
        of("kg·dm²/(min²·µmol)", 1.0), of("J/mol", JOULE * 1e-6), of("J/µmol", JOULE),
        of("N·cm/mol", 0.01 * JOULE * 1e-6)));
    return d;
  }

  private static Dimension dim(String name, String base, Unit... units) {
    return new Dimension(name, base, List.of(units));
  }
}
