package io.mcpbridge.core.pk;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How λ (the terminal rate constant) is obtained from the terminal window. Both use the window size
 * k = floor(n/10), raised to 3 when k &lt; 3 and n ≥ 3, and suppress the fit when k = 0 or a
 * sample of the window is negative or NaN.
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
  LOG_LINEAR_REGRESSION("regression");

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
