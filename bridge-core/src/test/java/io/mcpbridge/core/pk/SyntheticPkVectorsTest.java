package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The synthetic vectors of the PK definitions (double precision). Expected values are printed with
 * 7–8 significant digits, so they are compared at 1e-6 relative. Both curves are mono-exponential
 * in the terminal window, so both fit methods must give the same numbers.
 */
class SyntheticPkVectorsTest {
  private static final double REL = 1e-6;
  private final PkParameterCalculator calc = new PkParameterCalculator();

  private static double[][] series(double dt, double end, DoubleUnaryOperator f) {
    int n = (int) Math.round(end / dt) + 1;
    double[] t = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * dt;
      c[i] = f.applyAsDouble(t[i]);
    }
    return new double[][] {t, c};
  }

  private static void assertRel(PkAnalysis a, String name, double expected) {
    assertThat(a.value(name)).as(name).isPresent();
    assertThat(a.value(name).get()).as(name).isCloseTo(expected, within(Math.abs(expected) * REL));
  }

  @ParameterizedTest
  @EnumSource(TerminalPhaseFit.class)
  void ivBolus(TerminalPhaseFit fit) {
    double[][] s = series(0.5, 24, t -> 10 * Math.exp(-0.1 * t));
    assertThat(s[0]).hasSize(49);
    assertThat(TerminalFit.windowSize(49)).isEqualTo(4);
    PkAnalysis a =
        calc.calculate(s[0], s[1], "µmol/l",
            PkOptions.defaults().withTotalDrugMassPerBodyWeight(100.0).withTerminalPhaseFit(fit));

    assertThat(a.mode()).isEqualTo(DosingMode.SINGLE);
    assertThat(a.parameters()).extracting(PkParameterValue::name).containsExactly(
        "C_max", "C_max_norm", "t_max", "C_tEnd", "AUC_tEnd", "AUC_tEnd_norm", "AUC_inf",
        "AUC_inf_norm", "MRT", "Thalf", "FractionAucLastToInf", "CL", "Vss", "Vd");
    assertRel(a, "C_max", 10);
    assertThat(a.value("t_max")).contains(0.0);
    assertRel(a, "C_tEnd", 0.9071795);
    assertRel(a, "AUC_tEnd", 90.947147);
    assertRel(a, "AUC_inf", 100.018943);
    assertRel(a, "FractionAucLastToInf", 0.0907008);
    assertRel(a, "Thalf", 6.931472);
    assertRel(a, "MRT", 9.995759);
    assertRel(a, "CL", 0.9998106);
    assertRel(a, "Vss", 9.993866);
    assertRel(a, "Vd", 9.998106);
    assertRel(a, "AUC_inf_norm", 1.000189);
    assertRel(a, "C_max_norm", 0.1);
  }

  /** OSP's rules; the best-fit rule chooses a longer window here (BestFitTerminalPhaseTest). */
  @ParameterizedTest
  @EnumSource(value = TerminalPhaseFit.class, names = {"LAST_TWO_POINTS", "LOG_LINEAR_REGRESSION"})
  void oralBateman(TerminalPhaseFit fit) {
    double[][] s = series(0.25, 48, t -> 12.5 * (Math.exp(-0.2 * t) - Math.exp(-t)));
    assertThat(s[0]).hasSize(193);
    assertThat(TerminalFit.windowSize(193)).isEqualTo(19);
    PkAnalysis a =
        calc.calculate(s[0], s[1], "µmol/l",
            PkOptions.defaults().withTotalDrugMassPerBodyWeight(50.0).withTerminalPhaseFit(fit));

    assertRel(a, "C_max", 6.6873095);
    assertThat(a.value("t_max")).contains(2.0);
    assertRel(a, "AUC_tEnd", 49.943750);
    assertRel(a, "AUC_inf", 49.947983);
    assertRel(a, "Thalf", 3.465736); // λ = 0.2
    assertRel(a, "MRT", 6.006244);
    assertRel(a, "CL", 1.0010414);
    assertRel(a, "Vss", 6.012499);
    assertRel(a, "Vd", 5.005207);
  }

  @ParameterizedTest
  @EnumSource(TerminalPhaseFit.class)
  void infusionTimeShortensMrtByHalfOfIt(TerminalPhaseFit fit) {
    double[][] s = series(0.5, 24, t -> 10 * Math.exp(-0.1 * t));
    PkOptions base = PkOptions.defaults().withTotalDrugMassPerBodyWeight(100.0).withTerminalPhaseFit(fit);
    PkAnalysis bolus = calc.calculate(s[0], s[1], "µmol/l", base);
    PkAnalysis infusion = calc.calculate(s[0], s[1], "µmol/l", base.withInfusionTime(10.0));
    assertThat(infusion.value("MRT").get()).isCloseTo(bolus.value("MRT").get() - 5.0, within(1e-12));
    // Vss follows MRT; AUC and CL do not depend on the infusion time.
    assertThat(infusion.value("Vss").get())
        .isCloseTo(infusion.value("CL").get() * infusion.value("MRT").get(), within(1e-12));
    assertThat(infusion.value("AUC_inf")).isEqualTo(bolus.value("AUC_inf"));
  }
}
