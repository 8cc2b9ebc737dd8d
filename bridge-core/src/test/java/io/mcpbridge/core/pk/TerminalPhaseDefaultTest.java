package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The default terminal phase is OSP's shipped rule (the last two samples), checked on a
 * bi-exponential series whose tail is not yet log-linear, so that the two rules disagree.
 */
class TerminalPhaseDefaultTest {
  private final PkParameterCalculator calc = new PkParameterCalculator();

  /** C = 10·e^(−0.3t) + 2·e^(−0.05t), t = 0..30 min: n = 31, window 3. */
  private static double[][] biExponential() {
    int n = 31;
    double[] t = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
      c[i] = 10 * Math.exp(-0.3 * i) + 2 * Math.exp(-0.05 * i);
    }
    return new double[][] {t, c};
  }

  @Test
  void defaultIsTheTwoPointRule() {
    assertThat(PkOptions.defaults().terminalPhaseFit()).isEqualTo(TerminalPhaseFit.LAST_TWO_POINTS);
    double[][] s = biExponential();
    double[] t = s[0];
    double[] c = s[1];
    int n = t.length;
    double lambda = Math.log(c[n - 2] / c[n - 1]) / (t[n - 1] - t[n - 2]);
    double auc = 0;
    double aumc = 0;
    for (int i = 0; i < n - 1; i++) {
      auc += (t[i + 1] - t[i]) * (c[i] + c[i + 1]) / 2;
      aumc += (t[i + 1] - t[i]) * (t[i] * c[i] + t[i + 1] * c[i + 1]) / 2;
    }
    double aucInf = auc + c[n - 1] / lambda;
    double mrt = (aumc + c[n - 1] / lambda * (t[n - 1] + 1 / lambda)) / aucInf;

    PkAnalysis a = calc.calculate(t, c, "µmol/l", PkOptions.defaults().withTotalDrugMassPerBodyWeight(5.0));
    assertThat(a.value("Thalf").get()).isCloseTo(Math.log(2) / lambda, within(1e-12));
    assertThat(a.value("AUC_inf").get()).isCloseTo(aucInf, within(1e-12));
    assertThat(a.value("MRT").get()).isCloseTo(mrt, within(1e-10));
    assertThat(a.value("Vd").get()).isCloseTo(5.0 / aucInf / lambda, within(1e-12));
  }

  @Test
  void theRegressionReadingDiffersOnThisSeries() {
    double[][] s = biExponential();
    PkAnalysis twoPoint = calc.calculate(s[0], s[1], "µmol/l", PkOptions.defaults());
    PkAnalysis regression = calc.calculate(s[0], s[1], "µmol/l",
        PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.LOG_LINEAR_REGRESSION));
    double a = twoPoint.value("Thalf").get();
    double b = regression.value("Thalf").get();
    assertThat(Math.abs(a - b) / a).isGreaterThan(1e-3);
    // Both agree on what does not depend on the tail.
    assertThat(twoPoint.value("AUC_tEnd")).isEqualTo(regression.value("AUC_tEnd"));
  }

  @Test
  void wireNamesSelectTheMethod() {
    assertThat(TerminalPhaseFit.fromWireName("last-two-points")).isEqualTo(TerminalPhaseFit.LAST_TWO_POINTS);
    assertThat(TerminalPhaseFit.fromWireName("Regression")).isEqualTo(TerminalPhaseFit.LOG_LINEAR_REGRESSION);
    assertThatThrownBy(() -> TerminalPhaseFit.fromWireName("ols"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("last-two-points")
        .hasMessageContaining("regression");
  }

  @Test
  void risingTailKeepsOspNumbersBesideTheReason() {
    double[] t = {0, 1, 2, 3, 4};
    double[] c = {1, 2, 3, 4, 5};
    PkAnalysis a = calc.calculate(t, c, "µmol/l", PkOptions.defaults().withTotalDrugMassPerBodyWeight(2.0));
    double lambda = -Math.log(5.0 / 4.0);
    assertThat(a.parameter("Thalf").get().reason()).contains(PkReason.TERMINAL_PHASE_RISING);
    assertThat(a.ospValue("Thalf")).isCloseTo(Math.log(2) / lambda, within(1e-12));
    assertThat(a.ospValue("AUC_inf")).isEqualTo(0.0);
    assertThat(a.ospValue("CL")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(a.ospValue("MRT")).isNaN();
    assertThat(a.ospValue("C_max")).isEqualTo(5.0);
  }

  @Test
  void failedFitIsReportedAsOspDoes() {
    double[] t = {0, 1, 2, 3, 4};
    double[] c = {5, 4, 3, -1, 1};
    PkAnalysis a = calc.calculate(t, c, "µmol/l", PkOptions.defaults());
    assertThat(a.value("Thalf")).isEmpty();
    assertThat(a.ospValue("Thalf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(a.ospValue("AUC_inf")).isNaN();
    assertThat(a.ospValue("AUC_tEnd")).isEqualTo(a.value("AUC_tEnd").get());
  }
}
