package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.TimeSeries;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PkEdgeCasesTest {
  private final PkParameterCalculator calc = new PkParameterCalculator();
  private static final PkOptions DOSED = PkOptions.defaults().withTotalDrugMassPerBodyWeight(10.0);
  private static final List<String> FIT_DEPENDENT =
      List.of("AUC_inf", "AUC_inf_norm", "MRT", "Thalf", "FractionAucLastToInf", "CL", "Vss", "Vd");

  private static double[] times(int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    return t;
  }

  private static double[] decay(int n) {
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = 5 * Math.exp(-0.2 * i);
    }
    return c;
  }

  private static void assertMissing(PkAnalysis a, PkReason reason, List<String> names) {
    for (String name : names) {
      PkParameterValue p = a.parameter(name).orElseThrow();
      assertThat(p.value()).as(name).isNull();
      assertThat(p.reason()).as(name).contains(reason);
    }
  }

  @Test
  void negativeValueInTerminalWindowSuppressesTheFit() {
    double[] c = decay(20);
    c[18] = -1e-9; // inside the last 3 (+1) samples
    PkAnalysis a = calc.calculate(times(20), c, "µmol/l", DOSED);
    assertMissing(a, PkReason.NEGATIVE_OR_NAN_IN_TERMINAL_WINDOW, FIT_DEPENDENT);
    assertThat(a.value("AUC_tEnd")).isPresent();
    assertThat(a.value("C_max")).contains(5.0);
  }

  @Test
  void nanInTerminalWindowSuppressesTheFit() {
    double[] c = decay(20);
    c[19] = Double.NaN;
    PkAnalysis a = calc.calculate(times(20), c, "µmol/l", DOSED);
    assertMissing(a, PkReason.NEGATIVE_OR_NAN_IN_TERMINAL_WINDOW, FIT_DEPENDENT);
    assertMissing(a, PkReason.NAN_IN_SERIES, List.of("AUC_tEnd", "C_tEnd"));
    assertThat(a.value("C_max")).contains(5.0); // NaN samples are skipped for the maximum
  }

  @Test
  void negativeValueBeforeTheWindowDoesNotMatter() {
    double[] c = decay(20);
    c[10] = -1.0;
    PkAnalysis a = calc.calculate(times(20), c, "µmol/l", DOSED);
    assertThat(a.value("Thalf").get()).isCloseTo(Math.log(2) / 0.2, within(1e-9));
  }

  @Test
  void risingTail() {
    double[] c = decay(20);
    c[19] = c[18] * 1.5;
    c[17] = c[18] / 1.5;
    PkAnalysis a = calc.calculate(times(20), c, "µmol/l", DOSED);
    assertMissing(a, PkReason.TERMINAL_PHASE_RISING, FIT_DEPENDENT);
  }

  @Test
  void flatTailFailsTheFit() {
    double[] c = {0, 4, 3, 2, 2, 2, 2};
    PkAnalysis a = calc.calculate(times(7), c, "µmol/l", DOSED);
    assertMissing(a, PkReason.TERMINAL_PHASE_FIT_FAILED, FIT_DEPENDENT);
  }

  @Test
  void fewerThanThreePointsGiveNoFit() {
    PkAnalysis a = calc.calculate(new double[] {0, 1}, new double[] {2, 1}, "µmol/l", DOSED);
    assertMissing(a, PkReason.TOO_FEW_POINTS, FIT_DEPENDENT);
    assertThat(a.value("AUC_tEnd").get()).isCloseTo(1.5, within(1e-15));
    assertThat(a.value("C_max")).contains(2.0);
  }

  @Test
  void threePointsAreEnough() {
    PkAnalysis a =
        calc.calculate(new double[] {0, 1, 2}, new double[] {4, 2, 1}, "µmol/l", DOSED);
    assertThat(a.value("Thalf").get()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void tiedMaximumReportsTheFirst() {
    double[] c = {0, 3, 7, 7, 7, 5, 4, 3, 2, 1};
    PkAnalysis a = calc.calculate(times(10), c, "µmol/l", DOSED);
    assertThat(a.value("C_max")).contains(7.0);
    assertThat(a.value("t_max")).contains(2.0);
  }

  @Test
  void duplicateTimeStampsAddNothingToAuc() {
    double[] t = {0, 1, 1, 2};
    double[] c = {2, 2, 100, 2};
    PkAnalysis a = calc.calculate(t, c, "µmol/l", DOSED);
    // Trapezoids: [0,1] 2, [1,1] 0, [1,2] (100+2)/2 = 51.
    assertThat(a.value("AUC_tEnd").get()).isCloseTo(53.0, within(1e-12));
  }

  @Test
  void repeatedLastTimeStampFailsTheTwoPointFit() {
    double[] t = {0, 1, 2, 3, 3};
    double[] c = {8, 4, 2, 1, 0.5};
    PkAnalysis a =
        calc.calculate(t, c, "µmol/l",
            DOSED.withTerminalPhaseFit(TerminalPhaseFit.LAST_TWO_POINTS));
    assertMissing(a, PkReason.TERMINAL_PHASE_FIT_FAILED, List.of("Thalf", "AUC_inf"));
  }

  @Test
  void withoutDoseTheDoseDependentValuesAreMissing() {
    PkAnalysis a = calc.calculate(times(20), decay(20), "µmol/l", PkOptions.defaults());
    assertMissing(a, PkReason.NO_DOSE,
        List.of("C_max_norm", "AUC_tEnd_norm", "AUC_inf_norm", "CL", "Vss", "Vd"));
    assertThat(a.value("AUC_inf")).isPresent();
  }

  @Test
  void intervalBeyondTheLastSampleIsDropped() {
    PkOptions options =
        PkOptions.defaults()
            .withDosingIntervals(
                List.of(new DosingInterval(0, 10, 1.0), new DosingInterval(10, 30, 1.0)));
    PkAnalysis a = calc.calculate(times(20), decay(20), "µmol/l", options);
    assertThat(a.mode()).isEqualTo(DosingMode.MULTIPLE);
    assertMissing(a, PkReason.INTERVAL_OUTSIDE_SERIES,
        List.of("C_max_tDLast_tEnd", "Thalf_tDLast_tEnd", "AUC_inf_tDLast"));
    assertThat(a.value("AUC_tD1_tD2")).isPresent();
    assertThat(a.value("C_trough_tD2")).contains(decay(20)[10]);
    assertThat(a.value("C_trough_tDLast")).contains(decay(20)[10]);
  }

  @Test
  void anInvalidIntervalMeansSingleDosing() {
    PkOptions options =
        DOSED.withDosingIntervals(
            List.of(new DosingInterval(0, 10, 1.0), new DosingInterval(10, 10, 1.0)));
    assertThat(calc.calculate(times(20), decay(20), "µmol/l", options).mode())
        .isEqualTo(DosingMode.SINGLE);
  }

  @Test
  void boundaryBetweenSamplesUsesTheFirstSampleAfterIt() {
    double[] t = {0, 1, 2, 3};
    assertThat(PkParameterCalculator.indexAtOrAfter(t, 1.0)).isEqualTo(1);
    assertThat(PkParameterCalculator.indexAtOrAfter(t, 1.5)).isEqualTo(2);
    assertThat(PkParameterCalculator.indexAtOrAfter(t, 3.0)).isEqualTo(3);
    assertThat(PkParameterCalculator.indexAtOrAfter(t, 3.01)).isEqualTo(-1);
  }

  @Test
  void malformedSeriesAreRejected() {
    assertThatThrownBy(() -> calc.calculate(new double[] {0, 1}, new double[] {1}, "µmol/l", DOSED))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 times, 1 values");
    assertThatThrownBy(() -> calc.calculate(new double[0], new double[0], "µmol/l", DOSED))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> calc.calculate(new double[] {0, 2, 1}, new double[] {1, 1, 1}, "µmol/l", DOSED))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("index 2");
  }

  @Test
  void float32OptionRoundsInputsLikeOspStorage() {
    double[] t = {0, 0.1, 0.2, 0.3};
    double[] c = {1.0 / 3, 0.2, 0.1, 0.05};
    PkAnalysis exact = calc.calculate(t, c, "µmol/l", PkOptions.defaults());
    PkAnalysis rounded = calc.calculate(t, c, "µmol/l", PkOptions.defaults().withFloat32Inputs(true));
    assertThat(exact.value("C_max")).contains(1.0 / 3);
    assertThat(rounded.value("C_max")).contains((double) (float) (1.0 / 3));
  }

  @Test
  void unitsFollowTheSeriesDimension() {
    PkAnalysis molar =
        calc.calculate(times(20), new TimeSeries("p", "Concentration (molar)", decay(20)), DOSED);
    assertThat(unit(molar, "C_max")).isEqualTo("µmol/l");
    assertThat(unit(molar, "AUC_inf")).isEqualTo("µmol·min/l");
    assertThat(unit(molar, "t_max")).isEqualTo("min");
    assertThat(unit(molar, "CL")).isEqualTo("l/min/kg");
    assertThat(unit(molar, "Vss")).isEqualTo("l/kg");
    assertThat(unit(molar, "Vd")).isEqualTo("l/kg");
    assertThat(unit(molar, "C_max_norm")).isEqualTo("kg/l");
    assertThat(unit(molar, "AUC_inf_norm")).isEqualTo("kg·min/l");
    assertThat(unit(molar, "FractionAucLastToInf")).isEmpty();

    PkAnalysis amount = calc.calculate(times(20), new TimeSeries("p", "Amount", decay(20)), DOSED);
    assertThat(unit(amount, "AUC_tEnd")).isEqualTo("µmol·min");
    assertThat(unit(amount, "CL")).isEqualTo("1/min/kg");

    PkAnalysis mass =
        calc.calculate(times(20), new TimeSeries("p", "Concentration (mass)", decay(20)), DOSED);
    assertThat(unit(mass, "AUC_tEnd")).isEqualTo("kg·min/l");
    assertThat(unit(mass, "CL")).isEqualTo("l/min/kg");

    assertThatThrownBy(
            () -> calc.calculate(times(20), new TimeSeries("p", "Colour", decay(20)), DOSED))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Colour");
  }

  private static String unit(PkAnalysis a, String name) {
    Optional<PkParameterValue> p = a.parameter(name);
    assertThat(p).as(name).isPresent();
    return p.get().unit();
  }
}
