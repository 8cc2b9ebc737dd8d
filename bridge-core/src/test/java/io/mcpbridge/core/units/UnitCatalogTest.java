package io.mcpbridge.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitCatalogTest {
  private final UnitCatalog catalog = UnitCatalog.standard();

  private Dimension dim(String name) {
    return catalog.dimension(name).orElseThrow();
  }

  @ParameterizedTest(name = "{1} {2} = {3} in base of {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Time|1|h|60",
        "Time|30|s|0.5",
        "Time|2|day(s)|2880",
        "Time|1|week(s)|10080",
        "Amount|1|mmol|1000",
        "Amount|5|nmol|0.005",
        "Mass|250|mg|0.00025",
        "Volume|500|ml|0.5",
        "Volume|1|m³|1000",
        "Concentration (molar)|3|nmol/l|0.003",
        "Concentration (molar)|3|nM|0.003",
        "Concentration (molar)|2|mM|2000",
        "Concentration (molar)|1|M|1000000",
        "Concentration (mass)|1|mg/l|0.000001",
        "Concentration (mass)|1|µg/ml|0.000001",
        "Concentration (mass)|1|ng/ml|0.000000001",
        "Concentration (mass)|1|mg/dl|0.00001",
        "Flow|60|ml/h|0.001",
        "Flow|1|l/h|0.016666666666666666",
        "Inversed time|1|1/h|0.016666666666666666",
        "Inversed time|1|1/s|60",
        "Molecular weight|250|g/mol|0.00000025",
        "AUC (molar)|1|µmol·h/l|60",
        "Fraction|50|%|0.5",
        "Temperature|37|°C|310.15",
        "Length|1|cm|0.1",
        "Area|1|cm²|0.01",
        "Resolution|6|pts/h|0.1",
        "Pressure|760|mmHg|36477000",
        "Diffusion coefficient|1|cm²/s|0.6",
        "Flow per weight organ|1|ml/min/100g organ|0.01",
      })
  void convertsToBaseUnit(String dimension, double value, String unit, double base) {
    Dimension d = dim(dimension);
    double got = catalog.toBase(value, unit, d);
    assertThat(got).isCloseTo(base, within(Math.abs(base) * 1e-12));
    // Round trip back to the unit.
    assertThat(catalog.fromBase(got, unit, d)).isCloseTo(value, within(Math.abs(value) * 1e-12));
  }

  @Test
  void mmHgMatchesTheStandardPressureStoredByOsp() {
    // OSP stores 760 mmHg as 36476999.99424 base units; its factor is rounded at ~1.6e-10.
    double got = catalog.toBase(760, "mmHg", dim("Pressure"));
    assertThat(got).isCloseTo(36476999.99424, within(36476999.99424 * 1e-9));
  }

  @Test
  void everyUnitRoundTrips() {
    for (Dimension d : catalog.dimensions()) {
      for (Unit u : d.units()) {
        double v = 123.456;
        double back = catalog.fromBase(catalog.toBase(v, u.name(), d), u.name(), d);
        assertThat(back).as("%s in %s", u.name(), d.name()).isCloseTo(v, within(1e-9));
        for (String alias : u.aliases()) {
          assertThat(catalog.toBase(v, alias, d)).isEqualTo(catalog.toBase(v, u.name(), d));
        }
      }
    }
  }

  @Test
  void baseUnitsFollowOsp() {
    assertThat(dim("Time").baseUnit().name()).isEqualTo("min");
    assertThat(dim("Amount").baseUnit().name()).isEqualTo("µmol");
    assertThat(dim("Mass").baseUnit().name()).isEqualTo("kg");
    assertThat(dim("Volume").baseUnit().name()).isEqualTo("l");
    assertThat(dim("Concentration (molar)").baseUnit().name()).isEqualTo("µmol/l");
    assertThat(dim("Concentration (mass)").baseUnit().name()).isEqualTo("kg/l");
    assertThat(dim("Flow").baseUnit().name()).isEqualTo("l/min");
    assertThat(dim("Molecular weight").baseUnit().name()).isEqualTo("kg/µmol");
    assertThat(dim("Amount per time").baseUnit().name()).isEqualTo("µmol/min");
    assertThat(dim("AUC (molar)").baseUnit().name()).isEqualTo("µmol·min/l");
    assertThat(dim("Inversed time").baseUnit().name()).isEqualTo("1/min");
    assertThat(dim("Dimensionless").baseUnit().name()).isEmpty();
    assertThat(dim("Length").baseUnit().name()).isEqualTo("dm");
    assertThat(dim("Area").baseUnit().name()).isEqualTo("dm²");
    assertThat(dim("Resolution").baseUnit().name()).isEqualTo("pts/min");
    assertThat(dim("Temperature").baseUnit().name()).isEqualTo("K");
    assertThat(dim("Age in years").baseUnit().name()).isEqualTo("year(s)");
  }

  @ParameterizedTest(name = "{0} is accepted as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "umol/L|µmol/l",
        "μmol/l|µmol/l",
        "uM|µmol/l",
        "mcg/ml|µg/ml",
        "ug/mL|µg/ml",
        "ng/mL|ng/ml",
        "mg/L|mg/l",
        "µmol*min/l|µmol·min/l",
        "umol*h/L|µmol·h/l",
        "cm^2|cm²",
        "mL/min| ml/min",
        "hr|h",
        "days|day(s)",
      })
  void acceptsDocumentedAliases(String alias, String canonical) {
    Dimension d = catalog.dimensionOfUnit(canonical.strip());
    assertThat(catalog.unit(alias, d).name()).isEqualTo(canonical.strip());
  }

  @Test
  void unitsAreCaseSensitive() {
    Dimension conc = dim("Concentration (molar)");
    assertThat(catalog.toBase(1, "mM", conc)).isEqualTo(1000.0);
    assertThatThrownBy(() -> catalog.toBase(1, "MM", conc)).isInstanceOf(InvalidInputException.class);
    Dimension time = dim("Time");
    assertThatThrownBy(() -> catalog.toBase(1, "MIN", time))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void unknownUnitNamesUnitDimensionAndAcceptedUnits() {
    Dimension time = dim("Time");
    assertThatThrownBy(() -> catalog.toBase(1, "fortnight", time))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Unknown unit 'fortnight'")
        .hasMessageContaining("'Time'")
        .hasMessageContaining("'min'")
        .hasMessageContaining("'h'")
        .hasMessageContaining("'day(s)'");
  }

  @Test
  void unitOfAnotherDimensionNamesBothDimensions() {
    Dimension time = dim("Time");
    assertThatThrownBy(() -> catalog.toBase(1, "mg", time))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'mg'")
        .hasMessageContaining("not a unit of dimension 'Time'")
        .hasMessageContaining("'Mass'")
        .hasMessageContaining("'s', 'min', 'h'");
  }

  @Test
  void dimensionOfUnit() {
    assertThat(catalog.dimensionOfUnit("nmol/l").name()).isEqualTo("Concentration (molar)");
    assertThat(catalog.dimensionOfUnit("ng/ml").name()).isEqualTo("Concentration (mass)");
    assertThat(catalog.dimensionOfUnit("h").name()).isEqualTo("Time");
    assertThat(catalog.dimensionOfUnit("1/h").name()).isEqualTo("Inversed time");
    assertThat(catalog.dimensionOfUnit("ml/min").name()).isEqualTo("Flow");
    assertThat(catalog.dimensionsOfUnit("week(s)"))
        .extracting(Dimension::name)
        .containsExactly("Time", "Age in years", "Age in weeks");
    assertThatThrownBy(() -> catalog.dimensionOfUnit("furlong"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'furlong'");
  }

  @Test
  void dimensionLookupIsExactThenCaseInsensitive() {
    assertThat(catalog.dimension("concentration (molar)")).contains(dim("Concentration (molar)"));
    assertThat(catalog.dimension("Concentration")).isEmpty();
    assertThatThrownBy(() -> catalog.requireDimension("Luminosity"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Luminosity");
  }

  @Test
  void molarToMassWithMolecularWeight() {
    // Aciclovir: 225.2 g/mol = 2.252e-7 kg/µmol.
    double mw = catalog.toBase(225.2, "g/mol", dim("Molecular weight"));
    assertThat(mw).isCloseTo(2.252e-7, within(1e-20));
    Dimension amount = dim("Amount");
    // 250 mg of a 225.2 g/mol drug is 1110.124... µmol.
    double umol = catalog.toBase(250, "mg", amount, mw);
    assertThat(umol).isCloseTo(250e-3 / 225.2 * 1e6, within(1e-9));
    assertThat(catalog.fromBase(umol, "mg", amount, mw)).isCloseTo(250, within(1e-9));
    // Same-dimension units ignore the molecular weight.
    assertThat(catalog.toBase(2, "mmol", amount, mw)).isEqualTo(2000.0);

    Dimension molar = dim("Concentration (molar)");
    // 1 µg/ml of 225.2 g/mol = 1e-3 g/l / 225.2 g/mol = 4.4405 µmol/l.
    assertThat(catalog.toBase(1, "µg/ml", molar, mw)).isCloseTo(1e-3 / 225.2 * 1e6, within(1e-12));
    assertThat(catalog.fromBase(4.0, "ng/ml", molar, mw))
        .isCloseTo(4.0 * 225.2, within(1e-9));

    Dimension mass = dim("Concentration (mass)");
    assertThat(catalog.toBase(1, "µmol/l", mass, mw)).isCloseTo(2.252e-7, within(1e-20));
    assertThat(UnitCatalog.molarToMass(10, mw)).isCloseTo(2.252e-6, within(1e-20));
    assertThat(UnitCatalog.massToMolar(2.252e-6, mw)).isCloseTo(10, within(1e-12));
  }

  @Test
  void molarMassConversionNeedsValidMolecularWeightAndACounterpart() {
    Dimension amount = dim("Amount");
    assertThatThrownBy(() -> catalog.toBase(1, "mg", amount, Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Molecular weight");
    assertThatThrownBy(() -> catalog.toBase(1, "mg", amount, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> catalog.toBase(1, "mg", dim("Time"), 1e-7))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'Time'");
    assertThatThrownBy(() -> catalog.toBase(1, "ml", amount, 1e-7))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'ml'")
        .hasMessageContaining("'mg'");
  }
}
