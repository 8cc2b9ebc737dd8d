package io.mcpbridge.core.pk;

/**
 * The per-interval primitives of OSP's PK calculation over samples [from, to] (inclusive): extrema,
 * trapezoid AUC/AUMC, terminal fit and the quantities derived from them.
 */
final class IntervalPk {
  private static final double LN2 = Math.log(2.0);

  final boolean nanInInputs;
  final Val cMax;
  final Val tMax;
  final Val cMin;
  final Val tMin;
  final Val cLast;
  final Val auc;
  final Val aumc;
  /** The extrapolated part AUC_tEnd→∞ (OSP's AucTendInf): 0 for a rising tail, as OSP adds none. */
  final Val aucTailToInf;
  final Val aucInf;
  final Val thalf;
  final Val mrt;
  final Val fractionLastToInf;
  final Val lambda;
  /** The window the best-fit rule chose, or why there is none; null for OSP's rules. */
  final LambdaZSelection lambdaZSelection;
  private final double[] t;
  private final double[] c;
  private final int to;
  private final int iMax;

  IntervalPk(double[] t, double[] c, int from, int to, TerminalPhaseFit method, Double infusionTime) {
    this.t = t;
    this.c = c;
    this.to = to;
    boolean nan = false;
    int iMax = -1;
    int iMin = -1;
    for (int i = from; i <= to; i++) {
      if (Double.isNaN(c[i])) {
        nan = true;
      } else {
        if (iMax < 0 || c[i] > c[iMax]) {
          iMax = i; // strict '>' keeps the first of tied maxima
        }
        if (iMin < 0 || c[i] < c[iMin]) {
          iMin = i;
        }
      }
    }
    nanInInputs = nan;
    this.iMax = iMax;
    cMax = iMax < 0 ? Val.fail(PkReason.NAN_IN_SERIES) : Val.of(c[iMax]);
    tMax = iMax < 0 ? Val.fail(PkReason.NAN_IN_SERIES) : Val.of(t[iMax]);
    cMin = iMin < 0 ? Val.fail(PkReason.NAN_IN_SERIES) : Val.of(c[iMin]);
    tMin = iMin < 0 ? Val.fail(PkReason.NAN_IN_SERIES) : Val.of(t[iMin]);
    cLast = Val.of(c[to]);

    double aucSum = 0;
    double aumcSum = 0;
    for (int i = from; i < to; i++) {
      double dt = t[i + 1] - t[i]; // 0 for repeated time stamps
      aucSum += dt * (c[i] + c[i + 1]) / 2;
      aumcSum += dt * (t[i] * c[i] + t[i + 1] * c[i + 1]) / 2;
    }
    auc = Val.of(aucSum);
    aumc = Val.of(aumcSum);

    TerminalFit fit = TerminalFit.fit(t, c, from, to, iMax, method);
    lambdaZSelection = fit.selection();
    if (fit.reason() == PkReason.TERMINAL_PHASE_RISING) {
      // OSP adds no tail for λ < 0: AUC_inf stays 0, the half-life is negative, MRT undefined.
      PkReason rising = fit.reason();
      lambda = Val.fail(rising, fit.lambda());
      aucInf = Val.fail(rising, 0.0);
      aucTailToInf = Val.fail(rising, 0.0);
      thalf = Val.fail(rising, LN2 / fit.lambda());
      mrt = Val.fail(rising);
      fractionLastToInf = Val.fail(rising);
      return;
    }
    if (fit.reason() != null) {
      // OSP reports a failed fit as λ = 0 and intercept 0: a 0/0 tail and an infinite half-life.
      lambda = Val.fail(fit.reason(), 0.0);
      aucInf = Val.fail(fit.reason());
      aucTailToInf = Val.fail(fit.reason());
      thalf = Val.fail(fit.reason(), Double.POSITIVE_INFINITY);
      mrt = Val.fail(fit.reason());
      fractionLastToInf = Val.fail(fit.reason());
      return;
    }
    double l = fit.lambda();
    double tail = fit.lastFitted() / l;
    double aucInfinity = aucSum + tail;
    double mrtValue = (aumcSum + tail * (t[to] + 1 / l)) / aucInfinity;
    if (infusionTime != null) {
      mrtValue -= infusionTime / 2;
    }
    lambda = Val.of(l);
    aucInf = Val.of(aucInfinity);
    aucTailToInf = Val.of(tail);
    thalf = Val.of(LN2 / l);
    mrt = aucInfinity == 0 ? Val.fail(PkReason.NON_FINITE_RESULT) : Val.of(mrtValue);
    fractionLastToInf = Val.of(tail / aucInfinity);
  }

  /**
   * OSP's Tthreshold: the first time at or after t_max where the value is at or below {@code
   * threshold}; fails if the series never comes down to it.
   */
  Val timeBelow(double threshold) {
    if (iMax < 0) {
      return Val.fail(PkReason.NAN_IN_SERIES);
    }
    for (int i = iMax; i <= to; i++) {
      if (c[i] <= threshold) {
        return Val.of(t[i]);
      }
    }
    return Val.fail(PkReason.THRESHOLD_NOT_REACHED);
  }
}
