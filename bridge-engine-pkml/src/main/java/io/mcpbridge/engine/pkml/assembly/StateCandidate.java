package io.mcpbridge.engine.pkml.assembly;

import java.util.List;

/**
 * A quantity that is an ODE unknown unless all its terms vanish and no event assigns it.
 *
 * @param slot the quantity's slot
 * @param scaleDivisor divisor of the variable (absolute tolerance is multiplied by it)
 * @param negativeValuesAllowed false if the negative-value check applies
 * @param terms contributions to its derivative
 */
record StateCandidate(int slot, double scaleDivisor, boolean negativeValuesAllowed, List<Term> terms) {

  /**
   * One contribution {@code coefficient × value(rateSlot)} to a derivative.
   *
   * @param coefficient signed stoichiometry, ±1 for transports, 1 for RHS formulas
   * @param rateSlot slot of the process rate or RHS formula
   */
  record Term(double coefficient, int rateSlot) {}
}
