package io.mcpbridge.core.pk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.testing.ReferenceData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * User-defined PK parameters (ospsuite's addUserDefinedPKParameter semantics). Expected numbers of
 * the IV-bolus vector (C = 10·e^(−0.1t), t = 0:0.5:24, D = 100) were computed independently (a
 * few lines of Python over the same samples, printed to full precision); those of OSP's
 * multiple-dosing file are OSP's own specification values for the standard intervals, which
 * user-defined windows over the same applications must reproduce.
 */
class UserDefinedPkParameterTest {
  private final PkParameterCalculator calc = new PkParameterCalculator();

  private static double[] times() {
    double[] t = new double[49];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.5 * i;
    }
    return t;
  }

  private static double[] bolus(double[] t) {
    double[] c = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      c[i] = 10 * Math.exp(-0.1 * t[i]);
    }
    return c;
  }

  private PkAnalysis bolus(UserDefinedPkParameter... parameters) {
    double[] t = times();
    return calc.calculate(t, bolus(t), "µmol/l", PkOptions.defaults().withTotalDrugMassPerBodyWeight(100.0),
        List.of(parameters));
  }

  private static UserDefinedPkParameter window(String name, StandardPkParameter base, Double start, Double end) {
    return new UserDefinedPkParameter(name, base, start, end, null, null, null, null, null, null);
  }

  @Test
  void givenTimeWindows_theBaseParameterIsComputedOverTheSamplesFromStartToEnd() {
    PkAnalysis a = bolus(
        window("Cmax25", StandardPkParameter.C_MAX, 2.0, 5.0),
        window("Auc25", StandardPkParameter.AUC_TEND, 2.0, 5.0),
        UserDefinedPkParameter.of("Cmin", StandardPkParameter.C_MIN),
        UserDefinedPkParameter.of("Tmin", StandardPkParameter.T_MIN),
        UserDefinedPkParameter.of("Aumc", StandardPkParameter.AUCM_TEND),
        UserDefinedPkParameter.of("Tail", StandardPkParameter.AUC_TEND_INF),
        UserDefinedPkParameter.of("TailNorm", StandardPkParameter.AUC_TEND_INF_NORM),
        window("Trough010", StandardPkParameter.C_TROUGH, null, 10.0),
        new UserDefinedPkParameter("AucInfFrom3", StandardPkParameter.AUC_INF, 2.0, null, null, null, 1.0, null, null,
            null),
        new UserDefinedPkParameter("AucPerMille", StandardPkParameter.AUC_TEND, null, null, null, null, null, null,
            1000.0, null),
        new UserDefinedPkParameter("Below5", StandardPkParameter.T_THRESHOLD, null, null, null, null, null, null, null,
            5.0));

    assertThat(a.value("Cmax25").orElseThrow()).isCloseTo(8.187307530779819, within(1e-12));
    assertThat(a.value("Auc25").orElseThrow()).isCloseTo(21.22442998762278, within(1e-12));
    assertThat(a.value("Cmin").orElseThrow()).isCloseTo(0.9071795328941247, within(1e-12));
    assertThat(a.value("Tmin").orElseThrow()).isEqualTo(24.0);
    assertThat(a.value("Aumc").orElseThrow()).isCloseTo(691.3241916463371, within(1e-9));
    assertThat(a.value("Tail").orElseThrow()).isCloseTo(9.071795328941194, within(1e-9));
    // No application indices: _norm uses the total dose.
    assertThat(a.value("TailNorm").orElseThrow()).isCloseTo(0.09071795328941194, within(1e-11));
    assertThat(a.value("Trough010").orElseThrow()).isCloseTo(3.6787944117144233, within(1e-12));
    assertThat(a.value("AucInfFrom3").orElseThrow()).isCloseTo(74.09536525945283, within(1e-9));
    assertThat(a.value("AucPerMille").orElseThrow()).isCloseTo(0.09094714725777152, within(1e-12));
    assertThat(a.parameter("AucPerMille").orElseThrow().unit()).isEqualTo("(µmol·min/l)/normalizationFactor");
    assertThat(a.value("Below5").orElseThrow()).isEqualTo(7.0);
    assertThat(a.parameter("Aumc").orElseThrow().unit()).isEqualTo("µmol·min²/l");
  }

  @Test
  void givenTheStandardParametersAsUserDefinedOnTheFullSeries_theyEqualTheStandardOnes() {
    PkAnalysis a = bolus(UserDefinedPkParameter.of("MyAucInf", StandardPkParameter.AUC_INF),
        UserDefinedPkParameter.of("MyCl", StandardPkParameter.CL),
        UserDefinedPkParameter.of("MyVss", StandardPkParameter.VSS),
        UserDefinedPkParameter.of("MyVd", StandardPkParameter.VD),
        UserDefinedPkParameter.of("MyMrt", StandardPkParameter.MRT),
        UserDefinedPkParameter.of("MyThalf", StandardPkParameter.THALF),
        UserDefinedPkParameter.of("MyFraction", StandardPkParameter.FRACTION_AUC_END_TO_INF));

    for (String[] pair : new String[][] {{"MyAucInf", "AUC_inf"}, {"MyCl", "CL"}, {"MyVss", "Vss"}, {"MyVd", "Vd"},
        {"MyMrt", "MRT"}, {"MyThalf", "Thalf"}, {"MyFraction", "FractionAucLastToInf"}}) {
      assertThat(a.value(pair[0]).orElseThrow()).as(pair[0]).isEqualTo(a.value(pair[1]).orElseThrow());
    }
    // §2.6 vector values.
    assertThat(a.value("MyCl").orElseThrow()).isCloseTo(0.9998106, within(1e-7));
    assertThat(a.value("MyMrt").orElseThrow()).isCloseTo(9.995759, within(1e-6));
  }

  @Test
  void givenApplicationIndices_theWindowsAreTheDosingIntervalsAndTheirDosesNormalise() {
    OspResultCsv.Individual ind = new OspResultCsv().parse(ReferenceData.file("pk-calculator", "MultipleDosing_0_8_16.csv"))
        .individuals().get(0);
    PkOptions options = PkOptions.defaults().withTerminalPhaseFit(TerminalPhaseFit.LOG_LINEAR_REGRESSION)
        .withTotalDrugMassPerBodyWeight(10.0)
        .withDosingIntervals(List.of(new DosingInterval(0, 8, 4.0), new DosingInterval(8, 16, 4.0),
            new DosingInterval(16, 48, 2.0)));
    List<UserDefinedPkParameter> defined = List.of(
        new UserDefinedPkParameter("CmaxLast", StandardPkParameter.C_MAX, null, null, 3, null, null, null, null, null),
        new UserDefinedPkParameter("TmaxLast", StandardPkParameter.T_MAX, null, null, 3, null, null, null, null, null),
        new UserDefinedPkParameter("AucFirst", StandardPkParameter.AUC_TEND, null, null, 1, 2, null, null, null, null),
        new UserDefinedPkParameter("AucSecond", StandardPkParameter.AUC_TEND, null, null, 2, 3, null, null, null, null),
        new UserDefinedPkParameter("AucInfFirst", StandardPkParameter.AUC_INF, null, null, 1, 2, null, null, null, null),
        new UserDefinedPkParameter("TroughFirst", StandardPkParameter.C_TROUGH, null, null, 1, 2, null, null, null, null),
        new UserDefinedPkParameter("AucFromSecondNorm", StandardPkParameter.AUC_TEND_NORM, null, null, 2, null, null,
            null, null, null),
        new UserDefinedPkParameter("AucFirstShiftedNorm", StandardPkParameter.AUC_TEND_NORM, null, null, 1, 2, null, 0.0,
            null, null),
        new UserDefinedPkParameter("Fourth", StandardPkParameter.C_MAX, null, null, 4, null, null, null, null, null));

    PkAnalysis a = calc.calculate(ind.times(), ind.series().get(0).values(), "µmol/l", options, defined);

    // OSP's specification values of the standard intervals (tolerance 1e-2 as there).
    assertThat(a.value("CmaxLast").orElseThrow()).isCloseTo(16.72404671, within(1e-2));
    assertThat(a.value("TmaxLast").orElseThrow()).isCloseTo(16.25, within(1e-2));
    assertThat(a.value("AucFirst").orElseThrow()).isCloseTo(37.69647, within(1e-2));
    assertThat(a.value("AucSecond").orElseThrow()).isCloseTo(53.43142, within(1e-2));
    assertThat(a.value("AucInfFirst").orElseThrow()).isCloseTo(80.71106, within(1e-2));
    assertThat(a.value("TroughFirst").orElseThrow()).isCloseTo(2.89606, within(1e-2));
    // And exactly the standard ones of the same calculation.
    assertThat(a.value("CmaxLast")).isEqualTo(a.value("C_max_tDLast_tEnd"));
    assertThat(a.value("AucSecond")).isEqualTo(a.value("AUC_tDLast_minus_1_tDLast"));
    // Doses of applications 2 and 3 (4 + 2); an offset makes the window's dose unknown, so the total (10).
    double aucFromSecond = a.value("AUC_tEnd").orElseThrow() - a.value("AUC_tD1_tD2").orElseThrow();
    assertThat(a.value("AucFromSecondNorm").orElseThrow()).isCloseTo(aucFromSecond / 6.0, within(1e-9));
    assertThat(a.value("AucFirstShiftedNorm").orElseThrow()).isCloseTo(a.value("AucFirst").orElseThrow() / 10.0,
        within(1e-12));
    assertThat(a.parameter("Fourth").orElseThrow().reason()).contains(PkReason.NO_SUCH_APPLICATION);
    assertThat(a.ospValue("Fourth")).isNaN();
  }

  @Test
  void givenAWindowOutsideTheSeries_theValueIsMissingWithTheReason() {
    PkAnalysis a = bolus(window("Late", StandardPkParameter.C_MAX, 30.0, 40.0),
        window("Narrow", StandardPkParameter.C_MAX, 2.1, 2.4),
        new UserDefinedPkParameter("Never", StandardPkParameter.T_THRESHOLD, null, null, null, null, null, null, null,
            0.01));

    assertThat(a.parameter("Late").orElseThrow().reason()).contains(PkReason.INTERVAL_OUTSIDE_SERIES);
    assertThat(a.parameter("Narrow").orElseThrow().reason()).contains(PkReason.EMPTY_WINDOW);
    assertThat(a.parameter("Never").orElseThrow().reason()).contains(PkReason.THRESHOLD_NOT_REACHED);
  }

  @Test
  void givenABadDefinition_oneErrorNamesEveryProblem() {
    assertThatThrownBy(() -> new UserDefinedPkParameter("C_max", StandardPkParameter.C_MAX, 5.0, null, 1, null, null,
        2.0, Double.NaN, 3.0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("standard PK parameter's")
        .hasMessageContaining("give start or startApplication, not both")
        .hasMessageContaining("endOffset needs end or endApplication")
        .hasMessageContaining("normalizationFactor must be a finite, non-zero number")
        .hasMessageContaining("only used by Tthreshold");
    assertThatThrownBy(() -> UserDefinedPkParameter.distinct(List.of(UserDefinedPkParameter.of("A", StandardPkParameter.C_MAX),
        UserDefinedPkParameter.of("A", StandardPkParameter.T_MAX))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("repeated: A");
    assertThatThrownBy(() -> StandardPkParameter.fromOspName("Cmax"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("C_max, C_max_norm");
  }
}
