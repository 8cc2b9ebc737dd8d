package io.mcpbridge.engine.pkml.assembly;

/**
 * The slots whose value cannot change during a run, as OSP's kernel finds them when it simplifies
 * the model before simulating (PKML-ENGINE.md §4.1): every slot that depends on neither time, state
 * nor event assignments, plus formulas that such fixed values decide on their own — {@code k*A}
 * with a fixed {@code k = 0} is 0 whatever the unknown A does.
 */
final class FixedSlots {
  private final boolean[] fixed;
  private final double[] value;

  private FixedSlots(boolean[] fixed, double[] value) {
    this.fixed = fixed;
    this.value = value;
  }

  /**
   * @param probe a plan in which unknowns and event-assigned slots are {@link ValueRule.State}
   * @param values every slot evaluated at the start of the run
   */
  static FixedSlots find(EvaluationPlan probe, double[] values) {
    int n = values.length;
    boolean[] fixed = new boolean[n];
    double[] value = new double[n];
    for (int s : probe.order) {
      ValueRule rule = probe.rules[s];
      if (!probe.dynamic[s]) {
        fixed[s] = true;
        value[s] = values[s];
      } else if (rule instanceof ValueRule.Formula) {
        ValueRule.Formula f = (ValueRule.Formula) rule;
        int[] slots = f.slots();
        var folded = f.expression().foldedValue(k -> fixed[slots[k]], value, slots);
        if (folded.isPresent()) {
          fixed[s] = true;
          value[s] = folded.getAsDouble();
        }
      } else if (rule instanceof ValueRule.Copy && fixed[((ValueRule.Copy) rule).sourceSlot()]) {
        fixed[s] = true;
        value[s] = value[((ValueRule.Copy) rule).sourceSlot()];
      }
    }
    return new FixedSlots(fixed, value);
  }

  /** True if the slot keeps one value for the whole run. */
  boolean isFixed(int slot) {
    return fixed[slot];
  }

  /** The value of a fixed slot. */
  double value(int slot) {
    return value[slot];
  }

  /** True if the slot keeps one value for the whole run and that value is exactly 0. */
  boolean isZero(int slot) {
    return fixed[slot] && value[slot] == 0.0;
  }
}
