package io.mcpbridge.engine.pkml.assembly;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation plans of one model, kept by the structure of the rule array they were built for,
 * so that repeated runs (populations, sensitivity analyses) do not redo the dependency analysis.
 *
 * <p>A plan depends on which rule each slot has, never on the numbers of fixed values: two rule
 * arrays have the same structure when every slot holds an equal rule or both hold a
 * {@link ValueRule.Constant} (of any value). Rules are immutable records shared between runs
 * (formulas compare by their compiled expression and slot array), so a run with different override
 * values for the same parameters finds the plans of the previous run. Least recently used plans are
 * dropped beyond a small capacity; a miss only costs the build.
 */
final class PlanCache {
  private static final int CAPACITY = 32;

  private final Map<Key, EvaluationPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, EvaluationPlan> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * The plan for these rules, from the cache or built (and then cached).
   *
   * @see EvaluationPlan#build
   */
  EvaluationPlan plan(ValueRule[] rules, List<SlotInfo> labels, int[] rhsRoots) {
    Key key = new Key(rules.clone(), rhsRoots.clone());
    EvaluationPlan cached;
    synchronized (plans) {
      cached = plans.get(key);
    }
    if (cached != null) {
      return cached.withRules(rules);
    }
    EvaluationPlan built = EvaluationPlan.build(rules, labels, rhsRoots);
    synchronized (plans) {
      // Keyed and stored with the key's own copy: the caller goes on changing its array.
      plans.putIfAbsent(key, built.withRules(key.rules));
    }
    return built;
  }

  /** Number of plans held. */
  int size() {
    synchronized (plans) {
      return plans.size();
    }
  }

  /** The structure of a rule array plus the slots the right-hand side reads. */
  private static final class Key {
    private final ValueRule[] rules;
    private final int[] rhsRoots;
    private final int hash;

    Key(ValueRule[] rules, int[] rhsRoots) {
      this.rules = rules;
      this.rhsRoots = rhsRoots;
      int h = Arrays.hashCode(rhsRoots);
      for (ValueRule r : rules) {
        h = 31 * h + (r instanceof ValueRule.Constant ? 1 : r.hashCode());
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key)) {
        return false;
      }
      Key k = (Key) other;
      if (hash != k.hash || rules.length != k.rules.length || !Arrays.equals(rhsRoots, k.rhsRoots)) {
        return false;
      }
      for (int s = 0; s < rules.length; s++) {
        ValueRule a = rules[s];
        ValueRule b = k.rules[s];
        boolean same = a instanceof ValueRule.Constant ? b instanceof ValueRule.Constant : a.equals(b);
        if (!same) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
