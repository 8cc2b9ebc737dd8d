package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.Entity;
import io.mcpbridge.engine.pkml.model.EntityKind;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.FormulaKind;
import io.mcpbridge.engine.pkml.model.FormulaReference;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.PathResolver;
import io.mcpbridge.engine.pkml.model.ReactionPartner;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a read {@link SimulationFile} into a {@link PkmlModel}: one slot per quantity, process
 * rate and RHS formula; every formula bound to the slots of its references (resolved relative to
 * its user); state candidates with their stoichiometric terms; events; table restart times.
 */
public final class ModelCompiler {
  /** Dimension of reaction and transport rates given per volume (§2.7: multiplied by the volume). */
  static final String CONCENTRATION_RATE = "Concentration (molar) per time";
  private static final String VOLUME_ALIAS = "ProcessContainerVolume";

  private final SimulationFile file;
  private final ExpressionCompiler compiler;
  private final PathResolver resolver;
  private final Map<String, Expression> expressions = new HashMap<>();
  private final Map<String, TableFunction> tables = new HashMap<>();
  private final Map<Entity, Integer> slotOf = new IdentityHashMap<>();
  private final List<SlotInfo> slots = new ArrayList<>();
  private final List<ValueRule> rules = new ArrayList<>();
  private final List<ValueRule.Table> offsetTables = new ArrayList<>();
  private final Map<Entity, Integer> storedObserverSlots = new IdentityHashMap<>();

  private ModelCompiler(SimulationFile file, ExpressionCompiler compiler) {
    this.file = file;
    this.compiler = compiler;
    this.resolver = new PathResolver(file.root());
  }

  /**
   * Compiles a model.
   *
   * @throws ModelDefinitionException for dangling references, unsupported constructs or formula
   *     syntax errors, naming the entity path and formula id
   */
  public static PkmlModel compile(SimulationFile file, ExpressionCompiler compiler) {
    return new ModelCompiler(file, compiler).compile();
  }

  private PkmlModel compile() {
    List<Entity> quantities = new ArrayList<>();
    List<Entity> processes = new ArrayList<>();
    List<Entity> events = new ArrayList<>();
    collect(file.root(), quantities, processes, events);

    addSlot(new SlotInfo("Time", null, SlotInfo.Role.TIME, "Time", "min"), new ValueRule.Constant(0));
    for (Entity q : quantities) {
      slotOf.put(q, slots.size());
      addSlot(new SlotInfo(q.path(), q, SlotInfo.Role.QUANTITY, dimensionOf(q), attr(q, "displayUnit")), null);
    }
    for (Entity q : quantities) {
      rules.set(slotOf.get(q), startRule(q));
    }

    Map<Entity, List<StateCandidate.Term>> termsByAmount = new LinkedHashMap<>();
    for (Entity p : processes) {
      int rateSlot = addSlot(new SlotInfo(p.path() + " (rate)", p, SlotInfo.Role.RATE, "Amount per time", ""),
          rateRule(p));
      if (p.kind() == EntityKind.REACTION) {
        for (ReactionPartner r : p.educts()) {
          termsByAmount.computeIfAbsent(amount(p, r.amountId()), k -> new ArrayList<>())
              .add(new StateCandidate.Term(-r.stoichiometry(), rateSlot));
        }
        for (ReactionPartner r : p.products()) {
          termsByAmount.computeIfAbsent(amount(p, r.amountId()), k -> new ArrayList<>())
              .add(new StateCandidate.Term(r.stoichiometry(), rateSlot));
        }
      } else {
        termsByAmount.computeIfAbsent(amount(p, p.attribute("sourceAmount")), k -> new ArrayList<>())
            .add(new StateCandidate.Term(-1, rateSlot));
        termsByAmount.computeIfAbsent(amount(p, p.attribute("targetAmount")), k -> new ArrayList<>())
            .add(new StateCandidate.Term(1, rateSlot));
      }
    }
    // Unknown order: amounts in tree order, then parameters with an RHS formula in tree order.
    List<StateCandidate> candidates = new ArrayList<>();
    for (Entity q : quantities) {
      List<StateCandidate.Term> terms = termsByAmount.get(q);
      if (q.kind() == EntityKind.MOLECULE_AMOUNT && terms != null) {
        candidates.add(new StateCandidate(slotOf.get(q), scaleDivisor(q), negativeValuesAllowed(q), terms));
      }
    }
    for (Entity q : quantities) {
      String rhs = q.attribute("rHSFormula");
      if (rhs != null && q.kind() != EntityKind.MOLECULE_AMOUNT && q.kind() != EntityKind.OBSERVER) {
        int derivative = addSlot(new SlotInfo(q.path() + " (derivative)", q, SlotInfo.Role.DERIVATIVE, "", ""),
            bind(formula(q, rhs), q));
        candidates.add(new StateCandidate(slotOf.get(q), 1.0, q.flag("negativeValuesAllowed", true),
            List.of(new StateCandidate.Term(1, derivative))));
      }
    }

    List<EventDef> eventDefs = new ArrayList<>();
    for (Entity e : events) {
      eventDefs.add(event(e));
    }
    TreeSet<Double> restarts = new TreeSet<>();
    for (FormulaDef f : file.formulas().values()) {
      if (f.kind() == FormulaKind.TABLE) {
        restarts.addAll(table(f).restartTimes());
      }
    }
    Map<String, Integer> byPath = new LinkedHashMap<>();
    for (Entity q : quantities) {
      byPath.putIfAbsent(q.path(), slotOf.get(q));
    }
    SettingsEvaluator settings = new SettingsEvaluator(file.settings(), compiler);
    return new PkmlModel(file.name(), slots, rules, byPath, candidates, eventDefs, List.copyOf(restarts),
        offsetTables, settings.solver(), settings.intervals(), settings.outputs());
  }

  private int addSlot(SlotInfo info, ValueRule rule) {
    slots.add(info);
    rules.add(rule);
    return slots.size() - 1;
  }

  private static void collect(Entity e, List<Entity> quantities, List<Entity> processes, List<Entity> events) {
    if (e.kind().isQuantity()) {
      quantities.add(e);
    } else if (e.kind().isProcess()) {
      processes.add(e);
    } else if (e.kind() == EntityKind.EVENT) {
      events.add(e);
    }
    for (Entity c : e.children()) {
      collect(c, quantities, processes, events);
    }
  }

  private static String attr(Entity e, String name) {
    String v = e.attribute(name);
    return v == null ? "" : v;
  }

  private String dimensionOf(Entity q) {
    String dim = q.attribute("dim");
    if (dim != null) {
      return dim;
    }
    String formulaId = q.attribute("formula");
    FormulaDef f = formulaId == null ? null : file.formulas().get(formulaId);
    return f == null ? "" : f.dimension();
  }

  private static double scaleDivisor(Entity amount) {
    String v = amount.attribute("scaleDivisor");
    if (v == null) {
      v = amount.attribute("scaleFactor");
    }
    double d = v == null ? 1.0 : io.mcpbridge.engine.pkml.assembly.Numbers.parse(v, amount.path() + " scale divisor");
    if (!(d > 0) || Double.isInfinite(d)) {
      throw new ModelDefinitionException(amount.path() + ": scale divisor must be positive");
    }
    return d;
  }

  /** SimModel lets amounts in application, event and a few special containers go negative. */
  private boolean negativeValuesAllowed(Entity amount) {
    String full = file.root().name() + "|" + amount.path();
    if (full.contains("SalivaGland") || full.contains("IgG_Source") || full.contains("ParticleBin_")
        || full.contains("|Events|") || full.contains("|Applications|")) {
      return true;
    }
    return amount.flag("negativeValuesAllowed", false);
  }

  private Entity amount(Entity process, String id) {
    Entity a = id == null ? null : file.entitiesById().get(id);
    if (a == null || a.kind() != EntityKind.MOLECULE_AMOUNT) {
      throw new ModelDefinitionException(process.path() + ": partner " + id + " is not a molecule amount of the model");
    }
    return a;
  }

  private FormulaDef formula(Entity user, String id) {
    FormulaDef f = file.formulas().get(id);
    if (f == null) {
      throw new ModelDefinitionException(user.path() + ": formula " + id + " is not in the formula cache");
    }
    return f;
  }

  /** Value/formula/isFixedValue rule of §1.4. */
  private ValueRule startRule(Entity q) {
    String value = q.attribute("value");
    String formulaId = q.attribute("formula");
    if (q.flag("isFixedValue", false) && value != null) {
      return new ValueRule.Constant(Numbers.parse(value, q.path() + " value"));
    }
    if (formulaId != null) {
      return bind(formula(q, formulaId), q);
    }
    return new ValueRule.Constant(value == null ? Double.NaN : Numbers.parse(value, q.path() + " value"));
  }

  private ValueRule rateRule(Entity process) {
    String id = process.attribute("formula");
    if (id == null) {
      throw new ModelDefinitionException(process.path() + ": process without rate formula");
    }
    FormulaDef f = formula(process, id);
    if (!CONCENTRATION_RATE.equals(process.attribute("dimension"))) {
      return bind(f, process);
    }
    if (f.kind() != FormulaKind.EXPLICIT) {
      throw new ModelDefinitionException(process.path() + ": concentration-based rate " + id
          + " must be an explicit formula");
    }
    Entity volume = resolver.resolve(process, "..|Volume");
    if (volume == null || !volume.kind().isQuantity()) {
      throw new ModelDefinitionException(process.path() + ": concentration-based rate needs a Volume in its container");
    }
    List<String> aliases = aliases(f);
    String alias = VOLUME_ALIAS;
    while (aliases.contains(alias)) {
      alias = alias + "_";
    }
    aliases.add(alias);
    int[] refSlots = referenceSlots(f, process);
    int[] withVolume = java.util.Arrays.copyOf(refSlots, refSlots.length + 1);
    withVolume[refSlots.length] = slotOf.get(volume);
    return new ValueRule.Formula(expression("(" + f.text() + ")*" + alias, aliases, f, process), withVolume, f.id());
  }

  private static List<String> aliases(FormulaDef f) {
    List<String> out = new ArrayList<>();
    for (FormulaReference r : f.references()) {
      out.add(r.alias());
    }
    return out;
  }

  /** Binds a formula to the slots of its references as seen from {@code user}. */
  ValueRule bind(FormulaDef f, Entity user) {
    switch (f.kind()) {
      case CONSTANT:
        return new ValueRule.Constant(f.constantValue());
      case EXPLICIT:
        return new ValueRule.Formula(expression(f.text(), aliases(f), f, user), referenceSlots(f, user), f.id());
      case TABLE:
        return new ValueRule.Table(table(f), 0, -1);
      case TABLE_WITH_OFFSET: {
        FormulaDef tableDef = tableOf(f, user);
        if (tableDef == null) {
          throw new ModelDefinitionException(user.path() + ": formula " + f.id() + ": table object has no table formula");
        }
        ValueRule.Table rule = new ValueRule.Table(table(tableDef), 0, aliasSlot(f, user, f.secondAlias()));
        offsetTables.add(rule);
        return rule;
      }
      case TABLE_WITH_X_ARGUMENT: {
        FormulaDef tableDef = tableOf(f, user);
        int x = aliasSlot(f, user, f.secondAlias());
        if (tableDef == null) {
          return new ValueRule.Copy(aliasSlot(f, user, f.tableObjectAlias()));
        }
        return new ValueRule.Table(table(tableDef), x, -1);
      }
      default:
        return distribution(f, user);
    }
  }

  private ValueRule distribution(FormulaDef f, Entity user) {
    Entity percentile = user.child("Percentile");
    if (percentile == null || !percentile.kind().isQuantity()) {
      throw new ModelDefinitionException(user.path() + ": distributed parameter without Percentile");
    }
    int p = slotOf.get(percentile);
    switch (f.kind()) {
      case NORMAL_DISTRIBUTION:
        return new ValueRule.Distribution(f.kind(), p, namedSlot(f, user, "Mean"), namedSlot(f, user, "Deviation"));
      case LOG_NORMAL_DISTRIBUTION:
        return new ValueRule.Distribution(f.kind(), p, namedSlot(f, user, "Mean"),
            namedSlot(f, user, "GeometricDeviation"));
      case UNIFORM_DISTRIBUTION:
        return new ValueRule.Distribution(f.kind(), p, namedSlot(f, user, "Minimum"), namedSlot(f, user, "Maximum"));
      default:
        return new ValueRule.Distribution(f.kind(), p, namedSlot(f, user, "Mean"), -1);
    }
  }

  /** Slot of a distribution argument: by alias among the references, else the user's child. */
  private int namedSlot(FormulaDef f, Entity user, String name) {
    FormulaReference r = f.reference(name);
    Entity e = r == null || r.isTime() ? user.child(name) : resolver.resolve(user, r.path());
    if (e == null || !e.kind().isQuantity()) {
      throw new ModelDefinitionException(user.path() + ": formula " + f.id() + " needs '" + name
          + "' which does not exist");
    }
    return slotOf.get(e);
  }

  private FormulaDef tableOf(FormulaDef f, Entity user) {
    int slot = aliasSlot(f, user, f.tableObjectAlias());
    Entity tableObject = slots.get(slot).entity();
    String id = tableObject.attribute("formula");
    FormulaDef def = id == null ? null : file.formulas().get(id);
    return def != null && def.kind() == FormulaKind.TABLE ? def : null;
  }

  private int aliasSlot(FormulaDef f, Entity user, String alias) {
    FormulaReference r = alias == null ? null : f.reference(alias);
    if (r == null) {
      throw new ModelDefinitionException(user.path() + ": formula " + f.id() + " has no reference '" + alias + "'");
    }
    return referenceSlot(f, user, r);
  }

  private int[] referenceSlots(FormulaDef f, Entity user) {
    int[] out = new int[f.references().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = referenceSlot(f, user, f.references().get(i));
    }
    return out;
  }

  private int referenceSlot(FormulaDef f, Entity user, FormulaReference r) {
    if (r.isTime()) {
      return 0;
    }
    Entity target = resolver.resolve(user, r.path());
    if (target == null || !target.kind().isQuantity()) {
      throw new ModelDefinitionException(user.path() + ": formula " + f.id() + " references '" + r.path()
          + "' (alias " + r.alias() + ") which " + (target == null ? "does not exist" : "is not a quantity"));
    }
    if (target.kind() == EntityKind.OBSERVER) {
      // SimModel hands formulas the observer value saved at the last output time (§4.2).
      return storedObserverSlots.computeIfAbsent(target, o -> addSlot(new SlotInfo(o.path() + " (stored)", o,
          SlotInfo.Role.STORED_OBSERVER, dimensionOf(o), ""), new ValueRule.StoredObserver(slotOf.get(o))));
    }
    return slotOf.get(target);
  }

  private Expression expression(String text, List<String> aliases, FormulaDef f, Entity user) {
    String key = text + '\u0000' + String.join("\u0001", aliases);
    Expression e = expressions.get(key);
    if (e == null) {
      try {
        e = compiler.compile(text, aliases);
      } catch (RuntimeException ex) {
        throw new ModelDefinitionException("formula " + f.id() + " (used by " + user.path() + ") '" + text
            + "': " + ex.getMessage(), ex);
      }
      expressions.put(key, e);
    }
    return e;
  }

  private TableFunction table(FormulaDef f) {
    return tables.computeIfAbsent(f.id(), id -> new TableFunction(f.points(), f.useDerivedValues()));
  }

  private EventDef event(Entity e) {
    String conditionId = e.attribute("formula");
    if (conditionId == null) {
      throw new ModelDefinitionException(e.path() + ": event without condition formula");
    }
    ValueRule condition = bind(formula(e, conditionId), e);
    List<EventDef.Assignment> assignments = new ArrayList<>();
    for (Entity a : e.children()) {
      if (a.kind() != EntityKind.EVENT_ASSIGNMENT) {
        continue;
      }
      Entity target = a.attribute("changedEntity") == null ? null : file.entitiesById().get(a.attribute("changedEntity"));
      if (target == null && a.objectPath() != null) {
        target = resolver.resolve(a, a.objectPath());
      }
      if (target == null || !target.kind().isQuantity()) {
        throw new ModelDefinitionException(a.path() + ": assignment target "
            + (a.objectPath() == null ? a.attribute("changedEntity") : a.objectPath()) + " is not a quantity of the model");
      }
      String formulaId = a.attribute("formula");
      if (formulaId == null) {
        throw new ModelDefinitionException(a.path() + ": assignment without formula");
      }
      assignments.add(new EventDef.Assignment(a.path(), slotOf.get(target), bind(formula(a, formulaId), a),
          a.flag("useAsValue", false)));
    }
    return new EventDef(e.path(), condition, e.flag("oneTime", false), assignments);
  }
}
