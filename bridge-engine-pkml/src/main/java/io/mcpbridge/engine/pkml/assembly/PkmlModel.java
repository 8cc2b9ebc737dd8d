package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.engine.pkml.solver.SolverException;
import io.mcpbridge.engine.pkml.solver.StepMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled, immutable model: safe to share between threads; every run works on its own copies.
 */
public final class PkmlModel {
  /** SimModel's lower bounds for the tolerances of the retry after a solver failure. */
  private static final double RETRY_ABS_TOL = 1e-12;
  private static final double RETRY_REL_TOL = 1e-9;

  private final String name;
  private final List<SlotInfo> slots;
  private final ValueRule[] initialRules;
  private final Map<String, Integer> quantitySlots;
  private final List<StateCandidate> candidates;
  private final List<EventDef> events;
  private final List<Double> restartTimes;
  private final List<ValueRule.Table> offsetTables;
  private final SolverSettings solver;
  private final List<OutputInterval> intervals;
  private final List<String> outputs;
  /** Evaluation plans shared by the runs of this model. */
  private final PlanCache plans = new PlanCache();
  /** {@link #outputPaths()}, computed on first use. */
  private volatile List<String> defaultOutputs;
  /** {@link #startValueSlots()}, computed on first use. */
  private volatile int[] startValueSlots;

  PkmlModel(String name, List<SlotInfo> slots, List<ValueRule> initialRules, Map<String, Integer> quantitySlots,
      List<StateCandidate> candidates, List<EventDef> events, List<Double> restartTimes,
      List<ValueRule.Table> offsetTables, SolverSettings solver,
      List<OutputInterval> intervals, List<String> outputs) {
    this.name = name;
    this.slots = List.copyOf(slots);
    this.initialRules = initialRules.toArray(new ValueRule[0]);
    this.quantitySlots = Collections.unmodifiableMap(new LinkedHashMap<>(quantitySlots));
    this.candidates = List.copyOf(candidates);
    this.events = List.copyOf(events);
    this.restartTimes = List.copyOf(restartTimes);
    this.offsetTables = List.copyOf(offsetTables);
    this.solver = solver;
    this.intervals = List.copyOf(intervals);
    this.outputs = List.copyOf(outputs);
  }

  public String name() {
    return name;
  }

  /** The file's solver settings. */
  public SolverSettings solverSettings() {
    return solver;
  }

  /** The file's output schema. */
  public List<OutputInterval> outputIntervals() {
    return intervals;
  }

  /**
   * The file's output selection; if it stores none (old files), every quantity marked persistable,
   * and if there are none of those either, every amount.
   */
  public List<String> outputPaths() {
    if (!outputs.isEmpty()) {
      return outputs;
    }
    List<String> known = defaultOutputs;
    if (known == null) {
      known = List.copyOf(selectDefaultOutputs());
      defaultOutputs = known;
    }
    return known;
  }

  private List<String> selectDefaultOutputs() {
    List<String> persistable = new ArrayList<>();
    List<String> amounts = new ArrayList<>();
    for (Map.Entry<String, Integer> q : quantitySlots.entrySet()) {
      SlotInfo info = slots.get(q.getValue());
      if (info.entity().flag("persistable", false)) {
        persistable.add(q.getKey());
      }
      if (info.entity().kind() == io.mcpbridge.engine.pkml.model.EntityKind.MOLECULE_AMOUNT) {
        amounts.add(q.getKey());
      }
    }
    return persistable.isEmpty() ? amounts : persistable;
  }

  /** The slot of a quantity path (without root name), if the model has it. */
  public Optional<Integer> slotOf(String path) {
    return Optional.ofNullable(quantitySlots.get(path));
  }

  /** Dimension name of a slot. */
  public String dimensionOf(int slot) {
    return slots.get(slot).dimension();
  }

  /** Every parameter, amount and observer with its value at t = 0, in tree order. */
  public List<QuantityInfo> quantities() {
    return quantities(Map.of());
  }

  /**
   * Every parameter, amount and observer with the value a run with these overrides starts from
   * (formulas see the overridden values), in tree order.
   *
   * @param overrides value per slot, as {@link #run} takes them
   */
  public List<QuantityInfo> quantities(Map<Integer, Double> overrides) {
    // The negative-value check belongs to runs: describing a model never fails on it.
    SolverSettings unchecked = new SolverSettings(solver.absTol(), solver.relTol(), solver.useJacobian(), solver.h0(),
        solver.hMin(), solver.hMax(), solver.mxStep(), false);
    SimulationRun probe = new SimulationRun(this, new RunRequest(overrides, new int[0], new double[] {0},
        unchecked, StepMonitor.NONE), unchecked);
    double[] start = probe.initialValues();
    java.util.Set<Integer> states = new java.util.HashSet<>();
    for (int s : probe.stateSlots()) {
      states.add(s);
    }
    List<QuantityInfo> out = new ArrayList<>();
    for (Map.Entry<String, Integer> q : quantitySlots.entrySet()) {
      int s = q.getValue();
      SlotInfo info = slots.get(s);
      out.add(new QuantityInfo(q.getKey(), kindOf(info), start[s], info.dimension(), info.displayUnit(),
          !(initialRules[s] instanceof ValueRule.Constant), states.contains(s)));
    }
    return out;
  }

  /**
   * Paths of the parameters a run actually reads: those reached, through the formulas that read
   * them, from an amount (start value and rates), an observer or an event (condition and
   * assignments). Parameters nothing refers to, directly or through other parameters, are left out.
   */
  public java.util.Set<String> parametersInUse() {
    java.util.ArrayDeque<Integer> pending = new java.util.ArrayDeque<>();
    for (int s = 0; s < slots.size(); s++) {
      SlotInfo info = slots.get(s);
      if (info.role() == SlotInfo.Role.RATE || info.role() == SlotInfo.Role.DERIVATIVE) {
        pending.add(s);
      } else if (info.role() == SlotInfo.Role.QUANTITY) {
        io.mcpbridge.engine.pkml.model.EntityKind kind = info.entity().kind();
        if (kind == io.mcpbridge.engine.pkml.model.EntityKind.MOLECULE_AMOUNT
            || kind == io.mcpbridge.engine.pkml.model.EntityKind.OBSERVER) {
          pending.add(s);
        }
      }
    }
    for (StateCandidate c : candidates) {
      for (StateCandidate.Term t : c.terms()) {
        pending.add(t.rateSlot());
      }
    }
    for (EventDef e : events) {
      addAll(pending, e.condition().dependencies());
      for (EventDef.Assignment a : e.assignments()) {
        addAll(pending, a.rule().dependencies());
      }
    }
    for (ValueRule.Table t : offsetTables) {
      addAll(pending, t.dependencies());
    }
    boolean[] reached = new boolean[slots.size()];
    while (!pending.isEmpty()) {
      int s = pending.poll();
      if (s < 0 || s >= reached.length || reached[s]) {
        continue;
      }
      reached[s] = true;
      ValueRule rule = initialRules[s];
      if (rule != null) {
        addAll(pending, rule.dependencies());
      }
    }
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, Integer> q : quantitySlots.entrySet()) {
      SlotInfo info = slots.get(q.getValue());
      io.mcpbridge.engine.pkml.model.EntityKind kind = info.entity().kind();
      boolean parameter = kind == io.mcpbridge.engine.pkml.model.EntityKind.PARAMETER
          || kind == io.mcpbridge.engine.pkml.model.EntityKind.DISTRIBUTED_PARAMETER;
      if (parameter && reached[q.getValue()]) {
        out.add(q.getKey());
      }
    }
    return out;
  }

  private static void addAll(java.util.ArrayDeque<Integer> pending, int[] slotsToAdd) {
    for (int s : slotsToAdd) {
      pending.add(s);
    }
  }

  private static QuantityKind kindOf(SlotInfo info) {
    switch (info.entity().kind()) {
      case DISTRIBUTED_PARAMETER:
        return QuantityKind.DISTRIBUTED_PARAMETER;
      case MOLECULE_AMOUNT:
        return QuantityKind.MOLECULE_AMOUNT;
      case OBSERVER:
        return QuantityKind.OBSERVER;
      default:
        return QuantityKind.PARAMETER;
    }
  }

  /**
   * Runs the model. After a solver failure the run is repeated once with tolerances
   * min(1e-12, AbsTol/10) and min(1e-9, RelTol/10), as SimModel does.
   *
   * @param overrides slot values in order (a later one for the same slot wins)
   * @param outputSlots slots to report
   * @param outputTimes user output times starting with 0
   * @param settings solver settings
   * @param monitor called after every integrator step
   * @throws SolverException if the retry fails too
   * @throws SimulationFailure if the negative-value check fails
   */
  public RunOutcome run(Map<Integer, Double> overrides, int[] outputSlots, double[] outputTimes,
      SolverSettings settings, StepMonitor monitor) {
    RunRequest request = new RunRequest(overrides, outputSlots, outputTimes, settings, monitor);
    try {
      return new SimulationRun(this, request, settings).execute();
    } catch (SolverException first) {
      SolverSettings tighter = settings.withTolerances(Math.min(RETRY_ABS_TOL, settings.absTol() / 10),
          Math.min(RETRY_REL_TOL, settings.relTol() / 10));
      return new SimulationRun(this, request, tighter).execute();
    }
  }

  // ---- package-private access for runs and tests ----

  List<SlotInfo> slots() {
    return slots;
  }

  PlanCache plans() {
    return plans;
  }

  /**
   * Slots that keep their start value for the whole run whatever their formula: molecule amounts
   * (the unknowns, or constant if they have no active term) and parameters with a right-hand side.
   */
  int[] startValueSlots() {
    int[] known = startValueSlots;
    if (known == null) {
      List<Integer> found = new ArrayList<>();
      for (int s = 1; s < slots.size(); s++) {
        SlotInfo info = slots.get(s);
        boolean quantity = info.role() == SlotInfo.Role.QUANTITY;
        boolean amount = quantity && info.entity().kind() == io.mcpbridge.engine.pkml.model.EntityKind.MOLECULE_AMOUNT;
        boolean rhsParameter = quantity && info.entity().attribute("rHSFormula") != null;
        if (amount || rhsParameter) {
          found.add(s);
        }
      }
      known = found.stream().mapToInt(Integer::intValue).toArray();
      startValueSlots = known;
    }
    return known;
  }

  ValueRule[] initialRules() {
    return initialRules.clone();
  }

  List<StateCandidate> candidates() {
    return candidates;
  }

  List<EventDef> events() {
    return events;
  }

  List<Double> restartTimes() {
    return restartTimes;
  }

  /** Tables read at Time minus an offset quantity; their restart times move with the offset. */
  List<ValueRule.Table> offsetTables() {
    return offsetTables;
  }
}
