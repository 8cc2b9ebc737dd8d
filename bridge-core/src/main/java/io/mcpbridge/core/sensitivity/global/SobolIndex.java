package io.mcpbridge.core.sensitivity.global;

import java.util.Objects;

/**
 * The Sobol indices of one parameter with their bootstrap confidence intervals.
 *
 * @param parameter the parameter's name
 * @param firstOrder S_i, the share of the response variance explained by the parameter alone
 * @param firstOrderLow lower end of S_i's interval
 * @param firstOrderHigh upper end of S_i's interval
 * @param total S_Ti, the share involving the parameter, interactions included
 * @param totalLow lower end of S_Ti's interval
 * @param totalHigh upper end of S_Ti's interval
 */
public record SobolIndex(
    String parameter,
    double firstOrder,
    double firstOrderLow,
    double firstOrderHigh,
    double total,
    double totalLow,
    double totalHigh) {
  public SobolIndex {
    Objects.requireNonNull(parameter, "parameter");
  }
}
