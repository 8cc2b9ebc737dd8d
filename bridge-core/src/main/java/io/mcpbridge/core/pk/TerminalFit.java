package io.mcpbridge.core.pk;

/**
 * Result of the terminal-phase fit of one interval: λ and the fitted value at the last time, or
 * the reason there is none; with the best-fit rule also the window it chose ({@code selection},
 * null for OSP's rules).
 */
record TerminalFit(double lambda, double lastFitted, PkReason reason, LambdaZSelection selection) {

  TerminalFit(double lambda, double lastFitted, PkReason reason) {
    this(lambda, lastFitted, reason, null);
  }

  static TerminalFit failed(PkReason reason) {
    return new TerminalFit(0.0, 0.0, reason);
  }

  /** OSP's window size: k = floor(n/10), raised to 3 when k &lt; 3 and n ≥ 3. */
  static int windowSize(int n) {
    int k = n / 10;
    return (k < 3 && n >= 3) ? 3 : k;
  }

  /**
   * Fits samples [from, to] (inclusive) of t and c.
   *
   * @param tMaxIndex index of the first maximum in [from, to] (−1 if all NaN); used by the
   *     best-fit rule only
   */
  static TerminalFit fit(double[] t, double[] c, int from, int to, int tMaxIndex, TerminalPhaseFit method) {
    if (method == TerminalPhaseFit.BEST_FIT) {
      return bestFit(t, c, from, to, tMaxIndex);
    }
    int n = to - from + 1;
    int k = windowSize(n);
    if (k == 0) {
      return failed(PkReason.TOO_FEW_POINTS);
    }
    // The regression spans one sample more than the window; see TerminalPhaseFit.
    int points = method == TerminalPhaseFit.LOG_LINEAR_REGRESSION ? Math.min(n, k + 1) : k;
    int first = to - points + 1;
    for (int i = first; i <= to; i++) {
      if (Double.isNaN(c[i]) || c[i] < 0) {
        return failed(PkReason.NEGATIVE_OR_NAN_IN_TERMINAL_WINDOW);
      }
    }
    double lambda;
    double lastFitted;
    if (method == TerminalPhaseFit.LAST_TWO_POINTS) {
      lambda = -(Math.log(c[to]) - Math.log(c[to - 1])) / (t[to] - t[to - 1]);
      lastFitted = c[to];
    } else {
      double meanT = 0;
      double meanY = 0;
      for (int i = first; i <= to; i++) {
        meanT += t[i];
        meanY += Math.log(c[i]);
      }
      meanT /= points;
      meanY /= points;
      double sxy = 0;
      double sxx = 0;
      for (int i = first; i <= to; i++) {
        double dx = t[i] - meanT;
        sxy += dx * (Math.log(c[i]) - meanY);
        sxx += dx * dx;
      }
      double slope = sxy / sxx;
      lambda = -slope;
      // Evaluated at t_n directly (not via exp(intercept)) so late times cannot overflow.
      lastFitted = Math.exp(meanY + slope * (t[to] - meanT));
    }
    if (!Double.isFinite(lambda) || lambda == 0 || !Double.isFinite(lastFitted)) {
      return failed(PkReason.TERMINAL_PHASE_FIT_FAILED);
    }
    if (lambda < 0) {
      return new TerminalFit(lambda, lastFitted, PkReason.TERMINAL_PHASE_RISING);
    }
    return new TerminalFit(lambda, lastFitted, null);
  }

  /**
   * The best-fit window's λz; the tail starts from the observed last sample (NCA's AUC_inf,obs),
   * so a series ending in zeros has no tail beyond the AUC already integrated down to zero.
   */
  private static TerminalFit bestFit(double[] t, double[] c, int from, int to, int tMaxIndex) {
    LambdaZSelection selection = BestFitLambdaZ.select(t, c, from, to, tMaxIndex);
    if (selection.reason().isPresent()) {
      return new TerminalFit(0.0, 0.0, selection.reason().get(), selection);
    }
    double lastObserved = c[to] > 0 ? c[to] : (Double.isNaN(c[to]) ? Double.NaN : 0.0);
    return new TerminalFit(selection.window().get().lambdaZ(), lastObserved, null, selection);
  }
}
