package io.mcpbridge.core.pk;

import java.util.List;

/**
 * Computes user-defined PK parameters ({@link UserDefinedPkParameter}) over their windows of one
 * series, with OSP's rules for the window, the dose and the normalisation.
 */
final class UserDefinedPk {
  private final double[] t;
  private final double[] c;
  private final List<DosingInterval> intervals;
  private final Double totalDose;
  private final PkUnits units;
  private final PkOptions options;

  /**
   * @param t sample times, as the standard parameters saw them
   * @param c values, likewise
   * @param intervals the dosing intervals sorted by start
   * @param totalDose the total dose per body weight the standard parameters used, or null
   */
  UserDefinedPk(double[] t, double[] c, List<DosingInterval> intervals, Double totalDose, PkUnits units,
      PkOptions options) {
    this.t = t;
    this.c = c;
    this.intervals = intervals;
    this.totalDose = totalDose;
    this.units = units;
    this.options = options;
  }

  /** The parameter's value (or why it has none) and the number OSP would report. */
  Val value(UserDefinedPkParameter p) {
    Double start = bound(p.startTime(), p.startApplicationIndex(), p.startTimeOffset());
    Double end = bound(p.endTime(), p.endApplicationIndex(), p.endTimeOffset());
    if (start == null || end == null) {
      return Val.fail(PkReason.NO_SUCH_APPLICATION);
    }
    int from = start.isNaN() ? 0 : PkParameterCalculator.indexAtOrAfter(t, round(start));
    int to = end.isNaN() ? t.length - 1 : PkParameterCalculator.indexAtOrAfter(t, round(end));
    if (from < 0 || to < 0) {
      return Val.fail(PkReason.INTERVAL_OUTSIDE_SERIES);
    }
    if (from >= to) {
      return Val.fail(PkReason.EMPTY_WINDOW);
    }
    IntervalPk pk = new IntervalPk(t, c, from, to, options.terminalPhaseFit(), options.infusionTime());
    Val dose = dose(windowDose(p));
    Val total = dose(totalDose);
    Val cl = total.combine(pk.aucInf, (d, auc) -> d / auc);
    Val value = switch (p.base()) {
      case C_MAX -> pk.cMax;
      case C_MAX_NORM -> norm(pk.cMax, dose);
      case C_MIN -> pk.cMin;
      case C_MIN_NORM -> norm(pk.cMin, dose);
      case T_MAX -> pk.tMax;
      case T_MIN -> pk.tMin;
      case C_TROUGH -> pk.cLast;
      case C_TROUGH_NORM -> norm(pk.cLast, dose);
      case AUC_TEND -> pk.auc;
      case AUC_TEND_NORM -> norm(pk.auc, dose);
      case AUCM_TEND -> pk.aumc;
      case AUC_INF -> pk.aucInf;
      case AUC_INF_NORM -> norm(pk.aucInf, dose);
      case AUC_TEND_INF -> pk.aucTailToInf;
      case AUC_TEND_INF_NORM -> norm(pk.aucTailToInf, dose);
      case CL -> cl;
      case MRT -> pk.mrt;
      case FRACTION_AUC_END_TO_INF -> pk.fractionLastToInf;
      case THALF -> pk.thalf;
      case VSS -> cl.combine(pk.mrt, (a, b) -> a * b);
      case VD -> cl.combine(pk.lambda, (a, b) -> a / b);
      case T_THRESHOLD -> pk.timeBelow(p.concentrationThreshold());
    };
    if (p.normalizationFactor() != null) {
      double factor = p.normalizationFactor();
      value = value.combine(Val.of(factor), (v, f) -> v / f);
    }
    return value;
  }

  /** The unit of the parameter's value: its base's, divided by the factor's (unknown) unit if any. */
  String unit(UserDefinedPkParameter p) {
    String unit = switch (p.base()) {
      case C_MAX, C_MIN, C_TROUGH -> units.value();
      case C_MAX_NORM, C_MIN_NORM, C_TROUGH_NORM -> units.valueNorm();
      case T_MAX, T_MIN, MRT, THALF, T_THRESHOLD -> units.time();
      case AUC_TEND, AUC_INF, AUC_TEND_INF -> units.auc();
      case AUC_TEND_NORM, AUC_INF_NORM, AUC_TEND_INF_NORM -> units.aucNorm();
      case AUCM_TEND -> units.aumc();
      case CL -> units.clearance();
      case VSS, VD -> units.volume();
      case FRACTION_AUC_END_TO_INF -> units.fraction();
    };
    return p.normalizationFactor() == null ? unit : "(" + unit + ")/normalizationFactor";
  }

  /**
   * A window bound in min: the time or the application's start plus the offset; NaN for "the
   * series' own end" (neither given); null if the application index is beyond the applications.
   */
  private Double bound(Double time, Integer applicationIndex, Double offset) {
    double shift = offset == null ? 0 : offset;
    if (time != null) {
      return time + shift;
    }
    if (applicationIndex != null) {
      return applicationIndex <= intervals.size() ? intervals.get(applicationIndex - 1).start() + shift : null;
    }
    return Double.NaN;
  }

  /** OSP compares bounds as 32-bit floats with its float time grid; so do results stored that way. */
  private double round(double bound) {
    return options.float32Inputs() ? (float) bound : bound;
  }

  /**
   * The dose of the window: with application indices only, the sum over applications [start, end)
   * (a missing dose counting 0, as in OSP); otherwise, and when the indices are out of order, the
   * total.
   */
  private Double windowDose(UserDefinedPkParameter p) {
    boolean timed = p.startTime() != null || p.endTime() != null || p.startTimeOffset() != null
        || p.endTimeOffset() != null;
    if (timed || p.startApplicationIndex() == null && p.endApplicationIndex() == null) {
      return totalDose;
    }
    int from = p.startApplicationIndex() == null ? 0 : p.startApplicationIndex() - 1;
    int to = p.endApplicationIndex() == null ? intervals.size() : p.endApplicationIndex() - 1;
    if (from >= to || to > intervals.size()) {
      return totalDose;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      Double d = intervals.get(i).dosePerBodyWeight();
      sum += d == null ? 0 : d;
    }
    return sum;
  }

  private static Val norm(Val value, Val dose) {
    return PkParameterCalculator.norm(value, dose);
  }

  private static Val dose(Double dosePerBodyWeight) {
    return PkParameterCalculator.dose(dosePerBodyWeight);
  }
}
