package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The order in which slots are computed for a given rule array, which slots change with time or
 * state, and the sparse structure of their gradients with respect to the unknowns.
 *
 * <p>Gradients follow the chain rule: for a formula slot, grad = Σ_k ∂f/∂ref_k · grad(ref_k), over
 * the references that depend on the state. Tables contribute slope 0 (as SimModel does) and
 * distributed values are constants.
 */
final class EvaluationPlan {
  final ValueRule[] rules;
  /** Every slot except time, dependencies first. */
  final int[] order;
  final boolean[] dynamic;
  final boolean[] stateDependent;
  /** Dynamic non-state slots in order: recomputed for each new (t, y). */
  final int[] dynamicOrder;
  /** The dynamic slots the right-hand side needs, in order. */
  final int[] rhsOrder;
  /** Per slot, the unknowns its gradient may involve (sorted), or null. */
  final int[][] columns;
  /** Per slot and reference k: positions in columns[slot] of columns[reference k], or null. */
  final int[][][] columnMaps;
  /** Slots in rhsOrder whose gradient has to be computed. */
  final int[] gradientOrder;

  private EvaluationPlan(ValueRule[] rules, int[] order, boolean[] dynamic, boolean[] stateDependent,
      int[] dynamicOrder, int[] rhsOrder, int[][] columns, int[][][] columnMaps, int[] gradientOrder) {
    this.rules = rules;
    this.order = order;
    this.dynamic = dynamic;
    this.stateDependent = stateDependent;
    this.dynamicOrder = dynamicOrder;
    this.rhsOrder = rhsOrder;
    this.columns = columns;
    this.columnMaps = columnMaps;
    this.gradientOrder = gradientOrder;
  }

  /**
   * This plan's order, dependency flags and gradient structure for another rule array of the same
   * structure: the same rule (or an equal one) in every slot, except that fixed numbers may differ.
   * {@link PlanCache} decides when that holds.
   */
  EvaluationPlan withRules(ValueRule[] sameStructure) {
    return new EvaluationPlan(sameStructure, order, dynamic, stateDependent, dynamicOrder, rhsOrder, columns,
        columnMaps, gradientOrder);
  }

  /**
   * Builds the plan.
   *
   * @param rules one rule per slot (slot 0 is time)
   * @param labels slot labels for error messages
   * @param rhsRoots slots the right-hand side reads (rates and RHS formulas of active terms)
   * @throws ModelDefinitionException on a circular reference
   */
  static EvaluationPlan build(ValueRule[] rules, List<SlotInfo> labels, int[] rhsRoots) {
    int n = rules.length;
    int[] order = topologicalOrder(rules, labels);
    boolean[] dynamic = new boolean[n];
    boolean[] stateDependent = new boolean[n];
    int[][] columns = new int[n][];
    int[][][] maps = new int[n][][];
    dynamic[0] = true;
    for (int s = 0; s < n; s++) {
      if (rules[s] instanceof ValueRule.State) {
        dynamic[s] = true;
        stateDependent[s] = true;
        columns[s] = new int[] {((ValueRule.State) rules[s]).index()};
      } else if (rules[s] instanceof ValueRule.StoredObserver) {
        // Changes at output times, but is constant for the integrator (no gradient).
        dynamic[s] = true;
      }
    }
    for (int s : order) {
      ValueRule r = rules[s];
      if (r instanceof ValueRule.Distribution) {
        continue; // evaluated once before the run
      }
      int[] deps = r.dependencies();
      for (int d : deps) {
        dynamic[s] |= dynamic[d];
        stateDependent[s] |= stateDependent[d];
      }
      if (r instanceof ValueRule.Formula || r instanceof ValueRule.Copy) {
        TreeSet<Integer> cols = new TreeSet<>();
        for (int k = 0; k < deps.length; k++) {
          if (columns[deps[k]] != null && dependsOn(r, k)) {
            for (int c : columns[deps[k]]) {
              cols.add(c);
            }
          }
        }
        if (!cols.isEmpty()) {
          columns[s] = cols.stream().mapToInt(Integer::intValue).toArray();
          maps[s] = new int[deps.length][];
          for (int k = 0; k < deps.length; k++) {
            int[] dc = columns[deps[k]];
            if (dc != null && dependsOn(r, k)) {
              int[] m = new int[dc.length];
              for (int j = 0; j < dc.length; j++) {
                m[j] = Arrays.binarySearch(columns[s], dc[j]);
              }
              maps[s][k] = m;
            }
          }
        }
      }
    }
    List<Integer> dyn = new ArrayList<>();
    for (int s : order) {
      if (dynamic[s] && !isHeld(rules[s])) {
        dyn.add(s);
      }
    }
    boolean[] needed = new boolean[n];
    markNeeded(rules, rhsRoots, needed);
    List<Integer> rhs = new ArrayList<>();
    List<Integer> grad = new ArrayList<>();
    for (int s : dyn) {
      if (needed[s]) {
        rhs.add(s);
        if (columns[s] != null) {
          grad.add(s);
        }
      }
    }
    return new EvaluationPlan(rules, toArray(order), dynamic, stateDependent, toArray(dyn), toArray(rhs),
        columns, maps, toArray(grad));
  }

  /** Slots whose value the run writes (unknowns, stored observers) rather than the plan computing it. */
  private static boolean isHeld(ValueRule r) {
    return r instanceof ValueRule.State || r instanceof ValueRule.StoredObserver;
  }

  private static boolean dependsOn(ValueRule r, int k) {
    return !(r instanceof ValueRule.Formula) || ((ValueRule.Formula) r).expression().dependsOn(k);
  }

  private static void markNeeded(ValueRule[] rules, int[] roots, boolean[] needed) {
    int[] stack = new int[rules.length + roots.length];
    int top = 0;
    for (int r : roots) {
      stack[top++] = r;
    }
    while (top > 0) {
      int s = stack[--top];
      if (needed[s]) {
        continue;
      }
      needed[s] = true;
      if (rules[s] instanceof ValueRule.Distribution) {
        continue;
      }
      for (int d : rules[s].dependencies()) {
        if (!needed[d]) {
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
          }
          stack[top++] = d;
        }
      }
    }
  }

  private static int[] topologicalOrder(ValueRule[] rules, List<SlotInfo> labels) {
    int n = rules.length;
    byte[] mark = new byte[n]; // 0 new, 1 on the current path, 2 done
    int[] out = new int[n];
    int count = 0;
    int[] stack = new int[n];
    int[] next = new int[n];
    for (int start = 0; start < n; start++) {
      if (mark[start] != 0) {
        continue;
      }
      int top = 0;
      stack[top++] = start;
      mark[start] = 1;
      next[start] = 0;
      while (top > 0) {
        int s = stack[top - 1];
        int[] deps = rules[s].dependencies();
        if (next[s] < deps.length) {
          int d = deps[next[s]++];
          if (mark[d] == 1) {
            throw new ModelDefinitionException("circular reference: " + cycle(stack, top, d, labels));
          }
          if (mark[d] == 0) {
            mark[d] = 1;
            next[d] = 0;
            stack[top++] = d;
          }
        } else {
          mark[s] = 2;
          top--;
          if (s != 0) {
            out[count++] = s;
          }
        }
      }
    }
    return Arrays.copyOf(out, count);
  }

  private static String cycle(int[] stack, int top, int repeated, List<SlotInfo> labels) {
    StringBuilder b = new StringBuilder();
    boolean on = false;
    for (int i = 0; i < top; i++) {
      on |= stack[i] == repeated;
      if (on) {
        b.append(labels.get(stack[i]).label()).append(" -> ");
      }
    }
    return b.append(labels.get(repeated).label()).toString();
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] toArray(int[] a) {
    return a;
  }

  /** Evaluates one slot's rule from the current values. */
  static double evaluate(ValueRule r, double[] values) {
    if (r instanceof ValueRule.Formula) {
      ValueRule.Formula f = (ValueRule.Formula) r;
      return f.expression().evaluate(values, f.slots());
    }
    if (r instanceof ValueRule.Constant) {
      return ((ValueRule.Constant) r).value();
    }
    if (r instanceof ValueRule.Table) {
      ValueRule.Table t = (ValueRule.Table) r;
      double x = values[t.argumentSlot()] - (t.offsetSlot() < 0 ? 0 : values[t.offsetSlot()]);
      return t.table().value(x);
    }
    if (r instanceof ValueRule.Copy) {
      return values[((ValueRule.Copy) r).sourceSlot()];
    }
    if (r instanceof ValueRule.Distribution) {
      ValueRule.Distribution d = (ValueRule.Distribution) r;
      return Distributions.value(d.kind(), values[d.percentileSlot()], values[d.firstSlot()],
          d.secondSlot() < 0 ? Double.NaN : values[d.secondSlot()]);
    }
    throw new IllegalStateException("state and stored-observer slots are written by the run, not evaluated");
  }

  /** Evaluates every slot with dependencies (static and dynamic), e.g. after rules changed. */
  void evaluateAll(double[] values) {
    for (int s : order) {
      if (!isHeld(rules[s])) {
        values[s] = evaluate(rules[s], values);
      }
    }
  }

  /** Recomputes the slots that change with time or state. */
  void evaluateDynamic(double[] values) {
    for (int s : dynamicOrder) {
      values[s] = evaluate(rules[s], values);
    }
  }

  /** The dynamic slots that the given slots need (themselves included), in evaluation order. */
  int[] dynamicOrderFor(int[] roots) {
    boolean[] needed = new boolean[rules.length];
    markNeeded(rules, roots, needed);
    int count = 0;
    int[] out = new int[dynamicOrder.length];
    for (int s : dynamicOrder) {
      if (needed[s]) {
        out[count++] = s;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** Recomputes the given slots, in the given order (from {@link #dynamicOrderFor}). */
  void evaluate(int[] slots, double[] values) {
    for (int s : slots) {
      values[s] = evaluate(rules[s], values);
    }
  }

  /** Recomputes only what the right-hand side needs. */
  void evaluateForRhs(double[] values) {
    for (int s : rhsOrder) {
      values[s] = evaluate(rules[s], values);
    }
  }

  /** Fills the gradients of the state-dependent slots the right-hand side needs. */
  void gradients(double[] values, double[][] grad) {
    for (int s = 0; s < rules.length; s++) {
      if (rules[s] instanceof ValueRule.State) {
        grad[s][0] = 1;
      }
    }
    for (int s : gradientOrder) {
      double[] g = grad[s];
      Arrays.fill(g, 0);
      ValueRule r = rules[s];
      int[][] maps = columnMaps[s];
      if (r instanceof ValueRule.Copy) {
        int src = ((ValueRule.Copy) r).sourceSlot();
        double[] gs = grad[src];
        int[] m = maps[0];
        for (int j = 0; j < m.length; j++) {
          g[m[j]] = gs[j];
        }
        continue;
      }
      ValueRule.Formula f = (ValueRule.Formula) r;
      int[] slots = f.slots();
      for (int k = 0; k < slots.length; k++) {
        int[] m = maps[k];
        if (m == null) {
          continue;
        }
        double p = f.expression().partial(k, values, slots);
        if (p == 0) {
          continue;
        }
        double[] gd = grad[slots[k]];
        for (int j = 0; j < m.length; j++) {
          g[m[j]] += p * gd[j];
        }
      }
    }
  }

  /** Gradient storage matching {@link #columns}. */
  double[][] newGradientStorage() {
    double[][] g = new double[rules.length][];
    for (int s = 0; s < rules.length; s++) {
      g[s] = columns[s] == null ? null : new double[columns[s].length];
    }
    return g;
  }
}
