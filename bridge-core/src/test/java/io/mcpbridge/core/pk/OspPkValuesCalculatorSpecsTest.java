package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.testing.ReferenceData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of OSP's own PK-calculator specifications, on its time/concentration files
 * (semicolon-separated, no header; read with {@link OspResultCsv}). Tolerances are the
 * specifications': 1e-2 absolute, and ±0.03 for MRT and Thalf of the single-dose case. The
 * specifications' terminal-phase values are met by the regression reading, which is therefore
 * selected explicitly here; the default is OSP's shipped two-point rule.
 */
class OspPkValuesCalculatorSpecsTest {
  private static final double ABS = 1e-2;
  private static final PkOptions SPEC =
      PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.LOG_LINEAR_REGRESSION);
  private final PkParameterCalculator calc = new PkParameterCalculator();

  private static OspResultCsv.Individual load(String file) {
    OspResultCsv.Result r = new OspResultCsv().parse(ReferenceData.file("pk-calculator", file));
    assertThat(r.individuals()).hasSize(1);
    return r.individuals().get(0);
  }

  private static PkAnalysis analyse(PkParameterCalculator calc, String file, PkOptions options) {
    OspResultCsv.Individual ind = load(file);
    return calc.calculate(ind.times(), ind.series().get(0).values(), "µmol/l", options);
  }

  private static void assertAbs(PkAnalysis a, String name, double expected, double tol) {
    assertThat(a.value(name)).as(name).isPresent();
    assertThat(a.value(name).get()).as(name).isCloseTo(expected, within(tol));
  }

  @Test
  void singleDosingWithTotalDose10() {
    // Dose per body weight enters only through CL = D/AUC_inf (and Vss = CL·MRT).
    PkAnalysis a =
        analyse(calc, "SingleDosing_CL.csv", SPEC.withTotalDrugMassPerBodyWeight(10.0));
    assertThat(a.mode()).isEqualTo(DosingMode.SINGLE);
    assertAbs(a, "C_max", 23.07205582, ABS);
    assertAbs(a, "t_max", 0.05, ABS);
    assertAbs(a, "AUC_tEnd", 37.69647, ABS);
    assertAbs(a, "AUC_inf", 80.71106, ABS);
    assertAbs(a, "Vss", 1.688436, ABS);
    assertAbs(a, "CL", 0.1238988, ABS);
    assertAbs(a, "C_tEnd", 2.89606, ABS);
    assertAbs(a, "MRT", 13.6275, 0.03);
    assertAbs(a, "Thalf", 10.2979, 0.03);
  }

  @Test
  void multipleDosingAt0_8_16() {
    PkOptions options =
        SPEC
            .withDosingIntervals(
                List.of(
                    new DosingInterval(0, 8, 4.0),
                    new DosingInterval(8, 16, 4.0),
                    new DosingInterval(16, 48, 2.0)));
    PkAnalysis a = analyse(calc, "MultipleDosing_0_8_16.csv", options);
    assertThat(a.mode()).isEqualTo(DosingMode.MULTIPLE);
    assertAbs(a, "C_max", 23.07205582, ABS);
    assertAbs(a, "C_max_tDLast_tEnd", 16.72404671, ABS);
    assertAbs(a, "t_max_tDLast_tEnd", 16.25, ABS);
    assertAbs(a, "AUC_tD1_tD2", 37.69647, ABS);
    assertAbs(a, "AUC_tDLast_minus_1_tDLast", 53.43142, ABS);
    assertAbs(a, "AUC_inf_tD1", 80.71106, ABS);
    assertAbs(a, "AUC_inf_tDLast", 152.2144, ABS);
    assertAbs(a, "AUC_tEnd", 224.402, ABS);
    assertAbs(a, "C_tEnd", 1.210246, ABS);
    assertAbs(a, "Thalf_tDLast_tEnd", 10.84895, ABS);
    assertAbs(a, "C_trough_tD2", 2.89606, ABS);
    // Interval doses normalise interval values; the total (4+4+2) normalises full-range values.
    assertThat(a.value("AUC_tD1_tD2_norm").get())
        .isCloseTo(a.value("AUC_tD1_tD2").get() / 4.0, within(1e-12));
    assertThat(a.value("AUC_inf_tDLast_norm").get())
        .isCloseTo(a.value("AUC_inf_tDLast").get() / 2.0, within(1e-12));
    assertThat(a.value("AUC_tEnd_norm").get())
        .isCloseTo(a.value("AUC_tEnd").get() / 10.0, within(1e-12));
    // CL, Vss, Vd and FractionAucLastToInf are single-dose parameters.
    assertThat(a.parameter("CL")).isEmpty();
    assertThat(a.parameter("FractionAucLastToInf")).isEmpty();
  }

  @Test
  void defaultFitIsTheTwoPointSlopeAndMissesTheSpecValues() {
    // OSP's shipped rule (line through the last two samples) is computed independently here; it
    // does not meet the specifications' AUC_inf, which the regression reading reproduces.
    OspResultCsv.Individual ind = load("SingleDosing_CL.csv");
    double[] t = ind.times();
    double[] c = ind.series().get(0).values();
    int n = t.length;
    double lambda = Math.log(c[n - 2] / c[n - 1]) / (t[n - 1] - t[n - 2]);
    PkAnalysis a =
        calc.calculate(t, c, "µmol/l", PkOptions.defaults());
    assertThat(a.value("Thalf").get()).isCloseTo(Math.log(2) / lambda, within(1e-12));
    double aucInf = a.value("AUC_tEnd").get() + c[n - 1] / lambda;
    assertThat(a.value("AUC_inf").get()).isCloseTo(aucInf, within(1e-12));
    assertThat(Math.abs(aucInf - 80.71106)).isGreaterThan(ABS);
  }
}
