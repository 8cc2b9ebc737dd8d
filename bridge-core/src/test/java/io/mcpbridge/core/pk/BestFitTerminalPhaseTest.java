package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The best-fit ({@code nca}) terminal phase. Expected values are computed here from the textbook
 * sums (Σt, Σy, Σt², Σty, Σy² with y = ln C), independently of the production regression.
 */
class BestFitTerminalPhaseTest {
  private static final PkOptions NCA = PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.BEST_FIT);
  private static final double LN2 = Math.log(2);
  private final PkParameterCalculator calc = new PkParameterCalculator();

  /** Slope, R² and adjusted R² of ln C on t from raw sums. */
  private record Ols(double slope, double r2, double adjustedR2) {}

  private static Ols ols(double[] t, double[] c, int from, int toInclusive) {
    int n = toInclusive - from + 1;
    double st = 0;
    double sy = 0;
    double stt = 0;
    double sty = 0;
    double syy = 0;
    for (int i = from; i <= toInclusive; i++) {
      double y = Math.log(c[i]);
      st += t[i];
      sy += y;
      stt += t[i] * t[i];
      sty += t[i] * y;
      syy += y * y;
    }
    double slope = (n * sty - st * sy) / (n * stt - st * st);
    double r = (n * sty - st * sy) / Math.sqrt((n * stt - st * st) * (n * syy - sy * sy));
    double r2 = r * r;
    return new Ols(slope, r2, 1 - (1 - r2) * (n - 1) / (n - 2));
  }

  private static double trapezoid(double[] t, double[] c) {
    double auc = 0;
    for (int i = 0; i + 1 < t.length; i++) {
      auc += (t[i + 1] - t[i]) * (c[i] + c[i + 1]) / 2;
    }
    return auc;
  }

  private static LambdaZWindow window(PkAnalysis a, String halfLife) {
    LambdaZSelection s = a.terminalPhases().get(halfLife);
    assertThat(s).as(halfLife).isNotNull();
    assertThat(s.reason()).as(halfLife).isEmpty();
    return s.window().orElseThrow();
  }

  @Test
  void givenAMonoExponential_everyWindowHasTheSameLambdaAndTheLongestWins() {
    // IV bolus C = 10·e^(−0.1t), t = 0, 2, …, 24: t_max = 0, so the 12 samples after it are candidates.
    double[] t = new double[13];
    double[] c = new double[13];
    for (int i = 0; i < t.length; i++) {
      t[i] = 2.0 * i;
      c[i] = 10 * Math.exp(-0.1 * t[i]);
    }
    for (int first = 1; first <= 10; first++) {
      assertThat(-ols(t, c, first, 12).slope()).as("window from %d", first).isCloseTo(0.1, within(1e-12));
    }

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA.withTotalDrugMassPerBodyWeight(100.0));

    LambdaZWindow w = window(a, "Thalf");
    assertThat(w.points()).isEqualTo(12);
    assertThat(w.firstTime()).isEqualTo(2.0);
    assertThat(w.lastTime()).isEqualTo(24.0);
    assertThat(w.lambdaZ()).isCloseTo(0.1, within(1e-12));
    assertThat(w.rSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(w.adjustedRSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(w.span()).isCloseTo((24.0 - 2.0) / (LN2 / 0.1), within(1e-10));
    assertThat(a.value("Thalf").get()).isCloseTo(LN2 / 0.1, within(1e-10));
    double aucInf = trapezoid(t, c) + c[12] / 0.1;
    assertThat(a.value("AUC_inf").get()).isCloseTo(aucInf, within(1e-10));
    assertThat(a.value("CL").get()).isCloseTo(100.0 / aucInf, within(1e-12));
  }

  @Test
  void givenABiExponential_theLastThreePointsWinOnAdjustedRSquared() {
    // 10·e^(−0.3t) + 2·e^(−0.05t): the tail is still bending, so longer windows fit worse.
    double[] t = {0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12};
    double[] c = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      c[i] = 10 * Math.exp(-0.3 * t[i]) + 2 * Math.exp(-0.05 * t[i]);
    }
    Ols last3 = ols(t, c, 7, 9);
    // The three-point window beats every longer one by more than the 1e-4 tolerance.
    for (int first = 1; first <= 6; first++) {
      assertThat(ols(t, c, first, 9).adjustedR2()).as("window from %d", first)
          .isLessThan(last3.adjustedR2() - 1e-4);
    }

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA);

    LambdaZWindow w = window(a, "Thalf");
    assertThat(w.points()).isEqualTo(3);
    assertThat(w.firstTime()).isEqualTo(8.0);
    assertThat(w.lastTime()).isEqualTo(12.0);
    assertThat(w.lambdaZ()).isCloseTo(-last3.slope(), within(1e-12));
    assertThat(w.rSquared()).isCloseTo(last3.r2(), within(1e-10));
    assertThat(w.adjustedRSquared()).isCloseTo(last3.adjustedR2(), within(1e-10));
    assertThat(w.span()).isCloseTo(4.0 * -last3.slope() / LN2, within(1e-10));
    assertThat(a.value("Thalf").get()).isCloseTo(LN2 / -last3.slope(), within(1e-9));
    // The tail starts from the observed last sample.
    assertThat(a.value("AUC_inf").get()).isCloseTo(trapezoid(t, c) + c[9] / -last3.slope(), within(1e-9));
  }

  @Test
  void givenAnAlmostLogLinearTail_aLongerWindowWithinTheToleranceBeatsTheBestFit() {
    // 10·e^(−0.3t) + 0.5·e^(−0.05t) to 36 min: the 3-point window fits best, the 4-point window is
    // within 1e-4 of it, the 5-point window is not.
    double[] t = {0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36};
    double[] c = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      c[i] = 10 * Math.exp(-0.3 * t[i]) + 0.5 * Math.exp(-0.05 * t[i]);
    }
    int last = t.length - 1;
    Ols three = ols(t, c, last - 2, last);
    Ols four = ols(t, c, last - 3, last);
    Ols five = ols(t, c, last - 4, last);
    assertThat(four.adjustedR2()).isLessThan(three.adjustedR2()).isGreaterThan(three.adjustedR2() - 1e-4);
    assertThat(five.adjustedR2()).isLessThan(three.adjustedR2() - 1e-4);
    for (int first = 1; first < last - 4; first++) {
      assertThat(ols(t, c, first, last).adjustedR2()).as("window from %d", first).isLessThan(five.adjustedR2());
    }

    LambdaZWindow w = window(calc.calculate(t, c, "µmol/l", NCA), "Thalf");

    assertThat(w.points()).isEqualTo(4);
    assertThat(w.firstTime()).isEqualTo(30.0);
    assertThat(w.lastTime()).isEqualTo(36.0);
    assertThat(w.lambdaZ()).isCloseTo(-four.slope(), within(1e-12));
    assertThat(w.adjustedRSquared()).isCloseTo(four.adjustedR2(), within(1e-9));
  }

  @Test
  void givenTheOralBatemanVector_theToleranceAdmitsTheWholeDecline() {
    // PK-AND-SENSITIVITY §2.6: C = 12.5·(e^(−0.2t) − e^(−t)), t = 0:0.25:48, t_max = 2. Late windows
    // fit λ = 0.2 almost exactly, but every longer one stays within 1e-4 of their adjusted R², so
    // all 184 samples after t_max are used and the absorption term pulls λz below 0.2.
    double[] t = new double[193];
    double[] c = new double[193];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.25 * i;
      c[i] = 12.5 * (Math.exp(-0.2 * t[i]) - Math.exp(-t[i]));
    }
    Ols all = ols(t, c, 9, 192);
    Ols late = ols(t, c, 103, 192);
    assertThat(-late.slope()).isCloseTo(0.2, within(1e-9));
    assertThat(all.adjustedR2()).isGreaterThan(late.adjustedR2() - 1e-4);

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA);

    LambdaZWindow w = window(a, "Thalf");
    assertThat(w.points()).isEqualTo(184);
    assertThat(w.firstTime()).isEqualTo(2.25);
    assertThat(w.lambdaZ()).isCloseTo(-all.slope(), within(1e-12));
    assertThat(a.value("Thalf").get() / (LN2 / 0.2) - 1).isGreaterThan(3e-3);
  }

  @Test
  void givenZerosAfterTheTail_theyAreLeftOutOfTheFitAndAddNoTail() {
    // C = 8·e^(−0.25t) on t = 0..10, then two samples below the quantification limit reported as 0,
    // and one 0 in the middle of the tail.
    double[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double[] c = new double[t.length];
    for (int i = 0; i <= 10; i++) {
      c[i] = 8 * Math.exp(-0.25 * t[i]);
    }
    c[6] = 0;
    c[11] = 0;
    c[12] = 0;

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA);

    LambdaZWindow w = window(a, "Thalf");
    assertThat(w.points()).isEqualTo(9); // t = 1..10 without t = 6
    assertThat(w.firstTime()).isEqualTo(1.0);
    assertThat(w.lastTime()).isEqualTo(10.0);
    assertThat(w.lambdaZ()).isCloseTo(0.25, within(1e-12));
    assertThat(a.value("AUC_inf").get()).isCloseTo(trapezoid(t, c), within(1e-12));
    assertThat(a.value("FractionAucLastToInf").get()).isEqualTo(0.0);
  }

  @Test
  void givenOnlyTwoPositiveSamplesAfterTmax_thereIsNoLambdaAndTheReasonSaysWhy() {
    // t_max itself never counts, and neither does the zero: 2 usable samples remain.
    double[] t = {0, 1, 2, 3, 4, 5};
    double[] c = {0, 2, 6, 3, 1.5, 0};

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA.withTotalDrugMassPerBodyWeight(1.0));

    LambdaZSelection s = a.terminalPhases().get("Thalf");
    assertThat(s.window()).isEmpty();
    assertThat(s.reason()).contains(PkReason.TOO_FEW_POINTS_AFTER_T_MAX);
    for (String name : List.of("Thalf", "AUC_inf", "MRT", "CL", "Vd")) {
      assertThat(a.parameter(name).orElseThrow().reason()).as(name).contains(PkReason.TOO_FEW_POINTS_AFTER_T_MAX);
    }
    assertThat(a.value("AUC_tEnd").get()).isCloseTo(trapezoid(t, c), within(1e-12));
    // OSP's own rule still fits these samples: the exclusion is the best-fit rule's.
    assertThat(calc.calculate(t, new double[] {0, 2, 6, 3, 1.5, 0.75}, "µmol/l", PkOptions.defaults())
        .value("Thalf")).isPresent();
  }

  @Test
  void givenATailThatRisesAfterTmax_noWindowIsDeclining() {
    double[] t = {0, 1, 2, 3, 4};
    double[] c = {10, 1, 2, 3, 4};

    PkAnalysis a = calc.calculate(t, c, "µmol/l", NCA);

    assertThat(a.terminalPhases().get("Thalf").reason()).contains(PkReason.NO_DECLINING_TERMINAL_WINDOW);
    assertThat(a.parameter("Thalf").orElseThrow().reason()).contains(PkReason.NO_DECLINING_TERMINAL_WINDOW);
  }

  @Test
  void givenMultipleDosing_bothHalfLivesReportTheirWindow() {
    // Doses at 0 and 24 h of a mono-exponential, sampled hourly to 48: after the second dose the
    // series is again mono-exponential with λ = 0.1.
    double[] t = new double[49];
    double[] c = new double[49];
    for (int i = 0; i < t.length; i++) {
      t[i] = i;
      c[i] = 10 * Math.exp(-0.1 * i) + (i >= 24 ? 10 * Math.exp(-0.1 * (i - 24)) : 0);
    }
    PkOptions options = NCA.withDosingIntervals(List.of(new DosingInterval(0, 24, 1.0), new DosingInterval(24, 48, 1.0)));

    PkAnalysis a = calc.calculate(t, c, "µmol/l", options);

    assertThat(a.mode()).isEqualTo(DosingMode.MULTIPLE);
    assertThat(a.terminalPhases()).containsOnlyKeys("Thalf", "Thalf_tDLast_tEnd");
    // OSP's first interval ends at the first sample at or after 24, which already carries the second
    // dose and is the interval's maximum: nothing lies after its t_max.
    assertThat(a.terminalPhases().get("Thalf").reason()).contains(PkReason.TOO_FEW_POINTS_AFTER_T_MAX);
    // OSP's rule fits that sample and the one before it: a rising line.
    assertThat(calc.calculate(t, c, "µmol/l", options.withTerminalPhaseFit(TerminalPhaseFit.ospDefault()))
        .parameter("Thalf").orElseThrow().reason()).contains(PkReason.TERMINAL_PHASE_RISING);
    LambdaZWindow last = window(a, "Thalf_tDLast_tEnd");
    assertThat(last.points()).isEqualTo(24); // t = 25..48
    assertThat(last.firstTime()).isEqualTo(25.0);
    assertThat(last.lambdaZ()).isCloseTo(0.1, within(1e-12));
    assertThat(a.value("Thalf_tDLast_tEnd").get()).isCloseTo(LN2 / 0.1, within(1e-9));
  }

  @Test
  void ospRulesReportNoWindowAndKeepTheirNumbers() {
    double[] t = {0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12};
    double[] c = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      c[i] = 10 * Math.exp(-0.3 * t[i]) + 2 * Math.exp(-0.05 * t[i]);
    }
    PkAnalysis osp = calc.calculate(t, c, "µmol/l", PkOptions.defaults());
    PkAnalysis nca = calc.calculate(t, c, "µmol/l", NCA);

    assertThat(osp.terminalPhases()).isEmpty();
    assertThat(osp.value("Thalf").get()).isCloseTo(LN2 / Math.log(c[8] / c[9]) * 2, within(1e-12));
    assertThat(nca.value("Thalf").get()).isNotEqualTo(osp.value("Thalf").get());
    assertThat(nca.value("C_max")).isEqualTo(osp.value("C_max"));
    assertThat(nca.value("AUC_tEnd")).isEqualTo(osp.value("AUC_tEnd"));
  }

  @Test
  void wireNameIsNca() {
    assertThat(TerminalPhaseFit.fromWireName("nca")).isEqualTo(TerminalPhaseFit.BEST_FIT);
    assertThat(TerminalPhaseFit.fromWireName(" NCA ")).isEqualTo(TerminalPhaseFit.BEST_FIT);
    assertThat(TerminalPhaseFit.BEST_FIT.wireName()).isEqualTo("nca");
  }
}
