package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.solver.OdeSystem;
import java.util.List;

/**
 * The ODE system of one run: y' = Σ coefficient × rate over the active terms of each unknown,
 * with the exact Jacobian from the plan's chain-rule gradients. Shares the run's value array.
 */
final class AssembledSystem implements OdeSystem {
  private final int[] stateSlots;
  private final double[][] coefficients;
  private final int[][] rateSlots;
  private final double[] values;
  private EvaluationPlan plan;
  private double[][] gradients;

  AssembledSystem(int[] stateSlots, List<List<StateCandidate.Term>> terms, double[] values) {
    this.stateSlots = stateSlots;
    this.values = values;
    coefficients = new double[stateSlots.length][];
    rateSlots = new int[stateSlots.length][];
    for (int i = 0; i < stateSlots.length; i++) {
      List<StateCandidate.Term> t = terms.get(i);
      coefficients[i] = new double[t.size()];
      rateSlots[i] = new int[t.size()];
      for (int j = 0; j < t.size(); j++) {
        coefficients[i][j] = t.get(j).coefficient();
        rateSlots[i][j] = t.get(j).rateSlot();
      }
    }
  }

  /** Uses a new plan (after events changed rules). */
  void usePlan(EvaluationPlan newPlan) {
    plan = newPlan;
    gradients = newPlan.newGradientStorage();
  }

  /** Slots that the right-hand side reads directly (rates and RHS formulas). */
  static int[] rhsRoots(List<List<StateCandidate.Term>> terms) {
    return terms.stream().flatMap(List::stream).mapToInt(StateCandidate.Term::rateSlot).distinct().toArray();
  }

  @Override
  public int size() {
    return stateSlots.length;
  }

  private void load(double t, double[] y) {
    values[0] = t;
    for (int i = 0; i < stateSlots.length; i++) {
      values[stateSlots[i]] = y[i];
    }
    plan.evaluateForRhs(values);
  }

  @Override
  public void rhs(double t, double[] y, double[] dydt) {
    load(t, y);
    for (int i = 0; i < stateSlots.length; i++) {
      double sum = 0;
      double[] c = coefficients[i];
      int[] r = rateSlots[i];
      for (int j = 0; j < c.length; j++) {
        sum += c[j] * values[r[j]];
      }
      dydt[i] = sum;
    }
  }

  @Override
  public void jacobian(double t, double[] y, double[][] jacobian) {
    load(t, y);
    plan.gradients(values, gradients);
    for (int i = 0; i < stateSlots.length; i++) {
      double[] c = coefficients[i];
      int[] r = rateSlots[i];
      double[] row = jacobian[i];
      for (int j = 0; j < c.length; j++) {
        int[] cols = plan.columns[r[j]];
        if (cols == null) {
          continue;
        }
        double[] g = gradients[r[j]];
        for (int k = 0; k < cols.length; k++) {
          row[cols[k]] += c[j] * g[k];
        }
      }
    }
  }
}
