package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.engine.pkml.solver.BdfIntegrator;
import io.mcpbridge.engine.pkml.solver.BdfOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One simulation of a compiled model, following SimModel's driver: initial values in dependency
 * order, the unknown set of §4.1, events checked at t = 0, at output times and at switch and
 * restart times (no root finding), integrator re-initialised after changes, outputs computed from
 * the clipped state.
 */
final class SimulationRun {
  static final int OUTPUT = 1;
  static final int SWITCH = 2;
  static final int RESTART = 4;
  private static final int MAX_ORDER = 5;
  private static final int[] NO_ROOTS = {};

  private final PkmlModel model;
  private final RunRequest request;
  private final SolverSettings solver;
  private final ValueRule[] rules;
  private final double[] values;
  private EvaluationPlan plan;
  private AssembledSystem system;
  private int[] stateSlots;
  private double[] scaleDivisors;
  private boolean[] negativeAllowed;
  private int[] rhsRoots;
  private FixedSlots fixed;
  private final boolean[] fired;
  /** Slots holding an observer's value stored at the last output time. */
  private final int[] storedObservers;
  /** What a stored output needs: the output slots and the observers stored with them. */
  private final int[] recordRoots;
  /** The dynamic slots {@link #recordRoots} depend on, in order, for the current plan. */
  private int[] recordOrder;

  SimulationRun(PkmlModel model, RunRequest request, SolverSettings solver) {
    this.model = model;
    this.request = request;
    this.solver = solver;
    this.rules = model.initialRules();
    this.values = new double[rules.length];
    this.fired = new boolean[model.events().size()];
    List<Integer> stored = new ArrayList<>();
    for (int s = 0; s < rules.length; s++) {
      if (rules[s] instanceof ValueRule.StoredObserver) {
        stored.add(s);
      }
    }
    this.storedObservers = stored.stream().mapToInt(Integer::intValue).toArray();
    int[] outputs = request.outputSlots();
    this.recordRoots = Arrays.copyOf(outputs, outputs.length + storedObservers.length);
    for (int i = 0; i < storedObservers.length; i++) {
      recordRoots[outputs.length + i] = ((ValueRule.StoredObserver) rules[storedObservers[i]]).observerSlot();
    }
  }

  /** Initial values of every slot (after overrides), without running. */
  double[] initialValues() {
    initialise();
    return values.clone();
  }

  RunOutcome execute() {
    double[] y = initialise();
    double[] outputTimes = request.outputTimes();
    TreeMap<Double, Integer> points = timePoints(outputTimes);
    double[][] out = new double[request.outputSlots().length][outputTimes.length];
    double end = outputTimes[outputTimes.length - 1];

    checkEvents(0, y);
    record(0, 0, y, out);
    BdfIntegrator integrator = null;
    if (y.length > 0) {
      integrator = new BdfIntegrator(system, integratorOptions());
      integrator.reset(0, y);
    }
    int recorded = 1;
    for (Map.Entry<Double, Integer> p : points.entrySet()) {
      double t = p.getKey();
      if (t > end) {
        break;
      }
      if (integrator != null) {
        integrator.integrateTo(t, y, request.monitor());
      } else {
        request.monitor().afterStep(t);
      }
      boolean changed = checkEvents(t, y);
      if (integrator != null && (changed || (p.getValue() & RESTART) != 0)) {
        integrator.reset(t, y);
      }
      if ((p.getValue() & OUTPUT) != 0) {
        record(recorded++, t, y, out);
      }
    }
    return new RunOutcome(outputTimes, out, integrator == null ? null : integrator.statistics());
  }

  /** Computes initial values, decides the unknowns and builds the run's plan; returns y(0). */
  private double[] initialise() {
    request.overrides().forEach((slot, v) -> rules[slot] = new ValueRule.Constant(v));
    List<SlotInfo> slots = model.slots();
    PlanCache plans = model.plans();
    plans.plan(withFreshObservers(rules), slots, NO_ROOTS).evaluateAll(values);
    for (int s = 0; s < rules.length; s++) {
      if (rules[s] instanceof ValueRule.Distribution) {
        rules[s] = new ValueRule.Constant(values[s]);
      }
    }
    List<StateCandidate> candidates = model.candidates();
    Set<Integer> assigned = new HashSet<>();
    for (EventDef e : model.events()) {
      e.assignments().forEach(a -> assigned.add(a.targetSlot()));
    }
    // Probe which rates can change during the run: states, time, and anything events assign.
    ValueRule[] probe = rules.clone();
    for (int i = 0; i < candidates.size(); i++) {
      probe[candidates.get(i).slot()] = new ValueRule.State(i);
    }
    for (int target : assigned) {
      probe[target] = new ValueRule.State(-1);
    }
    fixed = FixedSlots.find(plans.plan(probe, slots, NO_ROOTS), values);
    List<StateCandidate> unknowns = new ArrayList<>();
    List<List<StateCandidate.Term>> activeTerms = new ArrayList<>();
    for (StateCandidate c : candidates) {
      // SimModel drops terms that are identically zero (a constant rate of 0, or k*A with fixed k = 0).
      List<StateCandidate.Term> active = new ArrayList<>();
      for (StateCandidate.Term term : c.terms()) {
        if (!fixed.isZero(term.rateSlot())) {
          active.add(term);
        }
      }
      if (!active.isEmpty() || assigned.contains(c.slot())) {
        unknowns.add(c);
        activeTerms.add(active);
      }
    }
    for (int s : model.startValueSlots()) {
      rules[s] = new ValueRule.Constant(values[s]);
    }
    int n = unknowns.size();
    stateSlots = new int[n];
    scaleDivisors = new double[n];
    negativeAllowed = new boolean[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      StateCandidate c = unknowns.get(i);
      stateSlots[i] = c.slot();
      scaleDivisors[i] = c.scaleDivisor();
      negativeAllowed[i] = c.negativeValuesAllowed();
      rules[c.slot()] = new ValueRule.State(i);
      y[i] = values[c.slot()];
      if (solver.checkNegativeValues() && !negativeAllowed[i] && y[i] < 0) {
        throw new SimulationFailure("initial value of " + slots.get(c.slot()).label() + " is negative (" + y[i] + ")");
      }
    }
    rhsRoots = AssembledSystem.rhsRoots(activeTerms);
    system = new AssembledSystem(stateSlots, activeTerms, values);
    rebuildPlan();
    return y;
  }

  /**
   * Before the first output time nothing has been stored yet: start values are computed with every
   * observer reference reading the observer itself, in dependency order, and these values become
   * the first stored ones (docs/adr/0004-observer-lag.md).
   */
  private static ValueRule[] withFreshObservers(ValueRule[] rules) {
    ValueRule[] fresh = rules.clone();
    for (int s = 0; s < fresh.length; s++) {
      if (fresh[s] instanceof ValueRule.StoredObserver) {
        fresh[s] = new ValueRule.Copy(((ValueRule.StoredObserver) fresh[s]).observerSlot());
      }
    }
    return fresh;
  }

  /**
   * Saves every referenced observer's value at an output time. Observers are computed first, all
   * from the values stored at the previous output time, and only then stored together, so an
   * observer that references another one sees it one output time late, whatever their order.
   */
  private void storeObservers() {
    for (int s : storedObservers) {
      values[s] = values[((ValueRule.StoredObserver) rules[s]).observerSlot()];
    }
  }

  private void rebuildPlan() {
    plan = model.plans().plan(rules, model.slots(), rhsRoots);
    recordOrder = plan.dynamicOrderFor(recordRoots);
    system.usePlan(plan);
    plan.evaluateAll(values);
  }

  /** The integrator settings of this run (after {@link #initialValues()}): OSP's, per unknown AbsTol × scale divisor. */
  BdfOptions integratorOptions() {
    double[] absTol = new double[stateSlots.length];
    for (int i = 0; i < absTol.length; i++) {
      absTol[i] = solver.absTol() * scaleDivisors[i];
    }
    return new BdfOptions(solver.relTol(), absTol, solver.h0(), solver.hMin(), solver.hMax(), solver.mxStep(),
        MAX_ORDER);
  }

  /** The size of the ODE system and its slots, for inspection. */
  int[] stateSlots() {
    return stateSlots;
  }

  AssembledSystem system() {
    return system;
  }

  private void load(double t, double[] y) {
    values[0] = t;
    for (int i = 0; i < y.length; i++) {
      values[stateSlots[i]] = y[i];
    }
    plan.evaluateDynamic(values);
  }

  /** Checks all events in order at time t; returns true if anything was changed. */
  private boolean checkEvents(double t, double[] y) {
    if (!anyEventPending()) {
      return false;
    }
    load(t, y);
    boolean changed = false;
    List<EventDef> events = model.events();
    for (int e = 0; e < events.size(); e++) {
      EventDef event = events.get(e);
      if (event.oneTime() && fired[e]) {
        continue;
      }
      if (EvaluationPlan.evaluate(event.condition(), values) != 1.0) {
        continue;
      }
      fired[e] = true;
      for (EventDef.Assignment a : event.assignments()) {
        double v = EvaluationPlan.evaluate(a.rule(), values);
        int target = a.targetSlot();
        if (rules[target] instanceof ValueRule.State) {
          y[((ValueRule.State) rules[target]).index()] = v;
          load(t, y);
        } else {
          rules[target] = a.useAsValue() ? new ValueRule.Constant(v) : a.rule();
          rebuildPlan();
          load(t, y);
        }
        changed = true;
      }
    }
    return changed;
  }

  /** False once every event is a one-time event that has fired: nothing is left to check. */
  private boolean anyEventPending() {
    List<EventDef> events = model.events();
    for (int e = 0; e < events.size(); e++) {
      if (!(events.get(e).oneTime() && fired[e])) {
        return true;
      }
    }
    return false;
  }

  /** Output times plus switch and table restart times, each with its roles (bit set of OUTPUT, SWITCH, RESTART). */
  TreeMap<Double, Integer> timePoints(double[] outputTimes) {
    TreeMap<Double, Integer> points = new TreeMap<>();
    for (int i = 1; i < outputTimes.length; i++) {
      points.put(outputTimes[i], OUTPUT);
    }
    for (double t : switchTimes()) {
      addPoint(points, t, SWITCH);
    }
    for (double t : model.restartTimes()) {
      addPoint(points, t, RESTART);
    }
    // A table read at Time - offset restarts at its own points shifted by a constant offset (§2.1).
    for (ValueRule.Table table : model.offsetTables()) {
      if (fixed.isFixed(table.offsetSlot())) {
        for (double t : table.table().restartTimes()) {
          addPoint(points, t + fixed.value(table.offsetSlot()), RESTART);
        }
      }
    }
    return points;
  }

  private static void addPoint(TreeMap<Double, Integer> points, double t, int role) {
    if (!(t > 0) || Double.isInfinite(t)) {
      return;
    }
    Double lower = points.floorKey(t);
    Double upper = points.ceilingKey(t);
    Double same = lower != null && (float) (double) lower == (float) t ? lower
        : upper != null && (float) (double) upper == (float) t ? upper : null;
    double key = same == null ? t : same;
    points.merge(key, role, (a, b) -> a | b);
  }

  /** X of every {@code Time <op> X} in event conditions where X does not depend on the state. */
  private List<Double> switchTimes() {
    List<Double> out = new ArrayList<>();
    for (EventDef e : model.events()) {
      if (!(e.condition() instanceof ValueRule.Formula)) {
        continue;
      }
      ValueRule.Formula f = (ValueRule.Formula) e.condition();
      int[] slots = f.slots();
      for (int k = 0; k < slots.length; k++) {
        if (slots[k] != 0) {
          continue;
        }
        for (Expression x : f.expression().timeComparisonOperands(k)) {
          boolean stateFree = true;
          for (int j = 0; j < slots.length; j++) {
            if (x.dependsOn(j) && plan.stateDependent[slots[j]]) {
              stateFree = false;
            }
          }
          if (stateFree) {
            out.add(x.evaluate(values, slots));
          }
        }
        break;
      }
    }
    return out;
  }

  /** Stores the outputs at a saved time from the state with (-AbsTol, 0) clipped to 0. */
  private void record(int index, double t, double[] y, double[][] out) {
    double[] clipped = y.clone();
    for (int i = 0; i < y.length; i++) {
      double tolerance = solver.absTol() * scaleDivisors[i];
      if (solver.checkNegativeValues() && !negativeAllowed[i] && y[i] < -100 * tolerance) {
        throw new SimulationFailure(model.slots().get(stateSlots[i]).label() + " became negative (" + y[i]
            + ") at t = " + t);
      }
      if (y[i] < 0 && y[i] > -tolerance) {
        clipped[i] = 0;
      }
    }
    values[0] = t;
    for (int i = 0; i < clipped.length; i++) {
      values[stateSlots[i]] = clipped[i];
    }
    // Only what the outputs and the stored observers need: the right-hand side recomputes its own.
    plan.evaluate(recordOrder, values);
    int[] outputs = request.outputSlots();
    for (int o = 0; o < outputs.length; o++) {
      out[o][index] = values[outputs[o]];
    }
    storeObservers();
  }
}
