package io.mcpbridge.engine.pkml.assembly;

/**
 * How the value of one slot of the value array is obtained. Rules are immutable and may be shared
 * between runs; a run replaces rules (overrides, events) in its own rule array.
 */
interface ValueRule {

  /** Slots this rule reads. */
  int[] dependencies();

  /** A fixed number. */
  record Constant(double value) implements ValueRule {
    private static final int[] NONE = {};

    @Override
    public int[] dependencies() {
      return NONE;
    }
  }

  /** An explicit formula bound to the slots of its references. */
  record Formula(Expression expression, int[] slots, String formulaId) implements ValueRule {
    @Override
    public int[] dependencies() {
      return slots;
    }
  }

  /** A time table, or a table read at {@code argumentSlot} minus {@code offsetSlot}'s value. */
  record Table(TableFunction table, int argumentSlot, int offsetSlot) implements ValueRule {
    @Override
    public int[] dependencies() {
      return offsetSlot < 0 ? new int[] {argumentSlot} : new int[] {argumentSlot, offsetSlot};
    }
  }

  /** The value of another slot (table-with-x-argument whose table object has no table). */
  record Copy(int sourceSlot) implements ValueRule {
    @Override
    public int[] dependencies() {
      return new int[] {sourceSlot};
    }
  }

  /**
   * A distributed parameter's value from its percentile; evaluated once before a run.
   *
   * @param kind distribution kind
   * @param percentileSlot slot of the percentile
   * @param firstSlot mean (normal, log-normal, discrete) or minimum (uniform)
   * @param secondSlot deviation, geometric deviation or maximum; -1 for discrete
   */
  record Distribution(io.mcpbridge.engine.pkml.model.FormulaKind kind, int percentileSlot, int firstSlot,
      int secondSlot) implements ValueRule {
    @Override
    public int[] dependencies() {
      return secondSlot < 0 ? new int[] {percentileSlot, firstSlot}
          : new int[] {percentileSlot, firstSlot, secondSlot};
    }
  }

  /**
   * The value of observer {@code observerSlot} stored at the last output time (PKML-ENGINE.md §4.2,
   * docs/adr/0004-observer-lag.md). The run writes it at every output time; between output times it
   * does not change, and it has no derivative with respect to the unknowns. It reads no slot while
   * the run evaluates, so an observer may refer to itself through it without forming a cycle.
   */
  record StoredObserver(int observerSlot) implements ValueRule {
    @Override
    public int[] dependencies() {
      return Constant.NONE;
    }
  }

  /** An ODE unknown: the value comes from the state vector. */
  record State(int index) implements ValueRule {
    @Override
    public int[] dependencies() {
      return Constant.NONE;
    }
  }
}
