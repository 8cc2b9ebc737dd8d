package io.mcpbridge.core.pk;

/**
 * The best-fit λz rule of non-compartmental analysis, as PKNCA and WinNonlin select the terminal
 * phase.
 *
 * <ol>
 *   <li><b>Candidates.</b> Samples strictly after t_max (later in time than the first maximum, so
 *       t_max itself and samples sharing its time stamp are excluded) with a positive concentration:
 *       zeros, values below the quantification limit reported as 0 or less, and NaN are left out.
 *   <li><b>Windows.</b> The last k candidates, for every k from 3 to all of them.
 *   <li><b>Fit.</b> Ordinary least squares of ln C on t; λz = −slope, R² = S_tc²/(S_tt·S_cc),
 *       adjusted R² = 1 − (1 − R²)·(k − 1)/(k − 2). A window whose times do not differ, or whose
 *       concentrations are all equal, has no adjusted R².
 *   <li><b>Choice.</b> Let A be the highest adjusted R² of all windows. Of the windows with λz &gt; 0
 *       and adjusted R² &gt; A − 10⁻⁴ (PKNCA's {@code adj.r.squared.factor}), the one with the most
 *       points. As in PKNCA, A is taken over every window, so a rising window that fits best is not
 *       replaced by a clearly worse declining one.
 * </ol>
 */
final class BestFitLambdaZ {
  /** Fewest points a terminal window may have. */
  static final int MIN_POINTS = 3;
  /** How far below the best adjusted R² a window with more points may be and still win. */
  static final double ADJUSTED_R_SQUARED_TOLERANCE = 1e-4;

  private BestFitLambdaZ() {}

  /**
   * Chooses the terminal window among samples [from, to] (inclusive).
   *
   * @param tMaxIndex index of the first maximum within [from, to], or −1 if every value is NaN
   */
  static LambdaZSelection select(double[] t, double[] c, int from, int to, int tMaxIndex) {
    if (tMaxIndex < 0) {
      return LambdaZSelection.none(PkReason.NAN_IN_SERIES);
    }
    int[] candidates = new int[to - from + 1];
    int m = 0;
    for (int i = Math.max(tMaxIndex + 1, from); i <= to; i++) {
      if (t[i] > t[tMaxIndex] && c[i] > 0) { // false for NaN
        candidates[m++] = i;
      }
    }
    if (m < MIN_POINTS) {
      return LambdaZSelection.none(PkReason.TOO_FEW_POINTS_AFTER_T_MAX);
    }
    // Windows grow backwards from the last candidate; Welford's updates keep the centred sums exact
    // enough for long series in one pass.
    LogLinearFit[] fits = new LogLinearFit[m + 1];
    double best = Double.NEGATIVE_INFINITY;
    double meanT = 0;
    double meanY = 0;
    double stt = 0;
    double sty = 0;
    double syy = 0;
    for (int k = 1; k <= m; k++) {
      int i = candidates[m - k];
      double y = Math.log(c[i]);
      double dt = t[i] - meanT;
      double dy = y - meanY;
      meanT += dt / k;
      meanY += dy / k;
      stt += dt * (t[i] - meanT);
      sty += dt * (y - meanY);
      syy += dy * (y - meanY);
      if (k >= MIN_POINTS) {
        fits[k] = LogLinearFit.of(k, stt, sty, syy);
        if (!Double.isNaN(fits[k].adjustedRSquared())) {
          best = Math.max(best, fits[k].adjustedRSquared());
        }
      }
    }
    for (int k = m; k >= MIN_POINTS; k--) {
      LogLinearFit f = fits[k];
      if (f.lambdaZ() > 0 && f.adjustedRSquared() > best - ADJUSTED_R_SQUARED_TOLERANCE) {
        double first = t[candidates[m - k]];
        double last = t[candidates[m - 1]];
        double span = (last - first) / (Math.log(2.0) / f.lambdaZ());
        return LambdaZSelection.of(
            new LambdaZWindow(k, first, last, f.lambdaZ(), f.rSquared(), f.adjustedRSquared(), span));
      }
    }
    return LambdaZSelection.none(PkReason.NO_DECLINING_TERMINAL_WINDOW);
  }

  /** Least squares of ln C on t from the centred sums of k points. NaN where undefined. */
  private record LogLinearFit(double lambdaZ, double rSquared, double adjustedRSquared) {
    static LogLinearFit of(int k, double stt, double sty, double syy) {
      if (!(stt > 0)) {
        return new LogLinearFit(Double.NaN, Double.NaN, Double.NaN);
      }
      double lambdaZ = -sty / stt;
      if (!(syy > 0)) {
        return new LogLinearFit(lambdaZ, Double.NaN, Double.NaN);
      }
      double r2 = sty * sty / (stt * syy);
      double adjusted = 1 - (1 - r2) * (k - 1.0) / (k - 2.0);
      return new LogLinearFit(lambdaZ, r2, adjusted);
    }
  }
}
