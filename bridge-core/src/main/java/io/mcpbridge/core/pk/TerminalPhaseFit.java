package io.mcpbridge.core.pk;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How λ (the terminal rate constant) is obtained. OSP's two rules use the window size k =
 * floor(n/10), raised to 3 when k &lt; 3 and n ≥ 3, and suppress the fit when k = 0 or a sample of
 * the window is negative or NaN. The third, {@link #BEST_FIT}, is not OSP's: it chooses the window
 * as non-compartmental analysis does.
 */
public enum TerminalPhaseFit {
  /**
   * Line through the last two samples only: λ = ln(C_{n−1}/C_n)/(t_n − t_{n−1}); the fitted last
   * value equals the observed one. This is what OSP's shipped calculator does (its order-1 PolyFit
   * interpolates the first two points of the reversed window), and what PK-Sim and ospsuite
   * report, so it is the default. Wire name {@code last-two-points}.
   */
  LAST_TWO_POINTS("last-two-points"),
  /**
   * Least-squares line through (t, ln C) of the last k + 1 samples (all n if fewer); the tail uses
   * the fitted value at the last time. This reproduces the expected values printed in OSP's
   * PK-calculator specifications (AUC_inf, Thalf and MRT to 6–7 digits) but not what OSP's software
   * outputs. The span of k + 1 samples is inferred from those values (n = 65 → 7, n = 129 → 13
   * samples). Wire name {@code regression}.
   */
  LOG_LINEAR_REGRESSION("regression"),
  /**
   * Best-fit λz of non-compartmental analysis (PKNCA, WinNonlin): of the windows made of the last 3
   * or more positive samples strictly after t_max, the log-linear least-squares fit with the highest
   * adjusted R² (within 10⁻⁴, preferring more points) and λz &gt; 0; see {@link BestFitLambdaZ}. The
   * tail uses the observed last sample, C(t_n)/λz (zero when that sample is zero), and the chosen
   * window is reported with the analysis ({@link PkAnalysis#terminalPhases()}). Wire name {@code nca}.
   */
  BEST_FIT("nca");

  private final String wireName;

  TerminalPhaseFit(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in tool inputs and on the command line. */
  public String wireName() {
    return wireName;
  }

  /** OSP's shipped behaviour. */
  public static TerminalPhaseFit ospDefault() {
    return LAST_TWO_POINTS;
  }

  /**
   * The method with this wire name (case-insensitive).
   *
   * @throws InvalidInputException naming the accepted names
   */
  public static TerminalPhaseFit fromWireName(String name) {
    for (TerminalPhaseFit f : values()) {
      if (f.wireName.equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    throw new InvalidInputException("unknown terminal-phase method '" + name + "'; use one of "
        + Arrays.stream(values()).map(TerminalPhaseFit::wireName).collect(Collectors.joining(", ")));
  }
}
