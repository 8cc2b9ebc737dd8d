package io.mcpbridge.core.pk;

/**
 * How λ (the terminal rate constant) is obtained from the terminal window. Both use the window size
 * k = floor(n/10), raised to 3 when k &lt; 3 and n ≥ 3, and suppress the fit when k = 0 or a
 * sample of the window is negative or NaN.
 */
public enum TerminalPhaseFit {
  /**
   * Least-squares line through (t, ln C) of the last k + 1 samples (all n if fewer); the tail uses
   * the fitted value at the last time. This reproduces the expected values of OSP's own
   * PK-calculator specifications (AUC_inf, Thalf and MRT to 6–7 digits), so it is the default.
   * The span of k + 1 samples is inferred from those values (n = 65 → 7, n = 129 → 13 samples);
   * ceil(n/10) would fit them equally well and differs only when n is a multiple of 10.
   */
  LOG_LINEAR_REGRESSION,
  /**
   * Line through the last two samples only: λ = ln(C_{n−1}/C_n)/(t_n − t_{n−1}); the fitted last
   * value equals the observed one. This is the reading of OSP's PolyFit call in the project notes.
   */
  LAST_TWO_POINTS
}
