package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.engine.pkml.model.Entity;
import io.mcpbridge.engine.pkml.model.EntityKind;
import io.mcpbridge.engine.pkml.model.FileSettings;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.FormulaKind;
import io.mcpbridge.engine.pkml.model.FormulaReference;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.ParameterSpec;
import io.mcpbridge.engine.pkml.model.ReactionPartner;
import io.mcpbridge.engine.pkml.model.SimulationFile;
import io.mcpbridge.engine.pkml.xml.SimModelDocument.Formula;
import io.mcpbridge.engine.pkml.xml.SimModelDocument.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a read SimModel document into the container tree the pkml reader builds. The kernel format
 * is a flattened tree: every quantity carries its path, formulas refer to quantities by id. Paths
 * are split into containers (the simulation name, the first element shared by the model's paths,
 * becomes the root and is stripped as OSP does); each RHS formula of a variable becomes a process
 * with the variable as its only product; id references become root-absolute paths.
 */
final class SimModelTree {
  /** Kernel solver option names and the setting names the pkml format uses for them. */
  private static final Map<String, String> SOLVER_NAMES = Map.of(
      "AbsTol", "Absolute tolerance",
      "RelTol", "Relative tolerance",
      "UseJacobian", "Use Jacobian",
      "H0", "H0",
      "HMin", "HMin",
      "HMax", "HMax",
      "MxStep", "MxStep",
      "CheckForNegativeValues", "Check for negative values");
  private static final UnitCatalog UNITS = UnitCatalog.standard();
  /** The kernel's id of the simulation time in formula references. */
  private static final String TIME_ID = "0";

  private final SimModelDocument doc;
  private final Map<String, Entity> byId = new HashMap<>();
  private final Map<String, Entity> nodes = new HashMap<>();
  private final Map<String, Quantity> quantityByPath = new HashMap<>();
  private final Map<Quantity, List<String>> partsOf = new HashMap<>();
  private Entity root;

  private SimModelTree(SimModelDocument doc) {
    this.doc = doc;
  }

  static SimulationFile build(SimModelDocument doc) {
    return new SimModelTree(doc).build();
  }

  private SimulationFile build() {
    if (!doc.solverSeen) {
      throw new ModelDefinitionException("the simulation has no <Solver> settings");
    }
    if (!doc.outputSchemaSeen) {
      throw new ModelDefinitionException("the simulation has no <OutputSchema>");
    }
    String simulationName = splitPaths();
    root = new Entity(EntityKind.CONTAINER, null, simulationName, Map.of());
    Map<String, Quantity> ids = new HashMap<>();
    for (Quantity q : doc.quantities) {
      Quantity earlier = ids.putIfAbsent(q.id, q);
      if (earlier != null) {
        throw new ModelDefinitionException(describe(q) + ": id " + q.id + " occurs twice (also "
            + describe(earlier) + ")");
      }
      quantityByPath.putIfAbsent(key(partsOf.get(q)), q);
    }
    for (Quantity q : doc.quantities) {
      if (!byId.containsKey(q.id)) {
        create(q);
      }
    }
    for (SimModelDocument.Event e : doc.events) {
      addEvent(e);
    }
    Map<String, FormulaDef> formulas = new LinkedHashMap<>();
    for (Formula f : doc.formulas.values()) {
      formulas.put(f.id, translate(f));
    }
    return new SimulationFile(version(), root, formulas, byId, settings(formulas));
  }

  private int version() {
    return doc.version == null ? 0 : Integer.parseInt(doc.version.strip());
  }

  /**
   * Splits every quantity path; returns the simulation name: the most common first element of the
   * model's paths (solver options, which old files keep in a container of their own, not counted).
   */
  private String splitPaths() {
    Pattern delimiter = Pattern.compile(Pattern.quote(doc.delimiter));
    Map<String, Integer> firsts = new HashMap<>();
    java.util.Set<String> solverIds = new java.util.HashSet<>(doc.solverOptions.values());
    for (Quantity q : doc.quantities) {
      List<String> parts = new ArrayList<>();
      if (q.path != null && !q.path.isBlank()) {
        parts.addAll(Arrays.asList(delimiter.split(q.path.strip(), -1)));
      }
      if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(q.name)) {
        parts.add(q.name);
      }
      for (String p : parts) {
        if (p.isEmpty()) {
          throw new ModelDefinitionException(describe(q) + ": path '" + q.path + "' has an empty element");
        }
      }
      partsOf.put(q, parts);
      if (parts.size() > 1 && !solverIds.contains(q.id)) {
        firsts.merge(parts.get(0), 1, Integer::sum);
      }
    }
    String name = firsts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse("Simulation");
    for (Map.Entry<Quantity, List<String>> e : partsOf.entrySet()) {
      List<String> parts = e.getValue();
      if (parts.size() > 1 && parts.get(0).equals(name)) {
        e.setValue(List.copyOf(parts.subList(1, parts.size())));
      }
    }
    return name;
  }

  private static String key(List<String> parts) {
    return String.join("\u0000", parts);
  }

  /** Creates a quantity's entity and every container above it. */
  private Entity create(Quantity q) {
    List<String> parts = partsOf.get(q);
    Entity parent = root;
    for (int i = 1; i < parts.size(); i++) {
      parent = node(parts.subList(0, i), parent);
    }
    String name = parts.get(parts.size() - 1);
    if (parent.child(name) != null) {
      // A second quantity with the same path: kept reachable under a name that includes its id.
      name = name + " [" + q.id + "]";
    }
    Entity e = new Entity(kindOf(q), q.id, name, attributes(q));
    parent.addChild(e);
    if (byId.put(q.id, e) != null) {
      throw new ModelDefinitionException(describe(q) + ": id " + q.id + " occurs twice");
    }
    nodes.putIfAbsent(key(parts), e);
    int k = 0;
    for (String rhs : q.rhsFormulaIds) {
      Entity process = new Entity(EntityKind.REACTION, null, "RHS " + (++k), Map.of("formula", rhs));
      process.products().add(new ReactionPartner(q.id, 1.0));
      e.addChild(process);
    }
    return e;
  }

  /** The entity at a path prefix: a quantity with that path if there is one, else a container. */
  private Entity node(List<String> prefix, Entity parent) {
    String key = key(prefix);
    Entity existing = nodes.get(key);
    if (existing != null) {
      return existing;
    }
    Quantity q = quantityByPath.get(key);
    if (q != null && !byId.containsKey(q.id)) {
      return create(q);
    }
    Entity container = new Entity(EntityKind.CONTAINER, null, prefix.get(prefix.size() - 1), Map.of());
    parent.addChild(container);
    nodes.put(key, container);
    return container;
  }

  private static EntityKind kindOf(Quantity q) {
    switch (q.list) {
      case VARIABLE:
        return EntityKind.MOLECULE_AMOUNT;
      case OBSERVER:
        return EntityKind.OBSERVER;
      default:
        return EntityKind.PARAMETER;
    }
  }

  private static Map<String, String> attributes(Quantity q) {
    Map<String, String> a = new HashMap<>();
    a.put("persistable", q.persistable ? "1" : "0");
    if (q.formulaId != null) {
      a.put("formula", q.formulaId);
    } else if (q.value != null) {
      a.put("value", q.value);
    } else {
      throw new ModelDefinitionException(describe(q) + " has neither a value nor a formula");
    }
    if (q.unit != null) {
      a.put("displayUnit", q.unit);
      String dimension = dimensionOf(q.unit);
      if (dimension != null) {
        a.put("dim", dimension);
      }
    }
    // The kernel lets a variable go negative unless the file says otherwise.
    a.put("negativeValuesAllowed", q.negativeValuesAllowed == null ? "1" : q.negativeValuesAllowed.strip());
    if (q.scaleFactor != null) {
      a.put("scaleFactor", q.scaleFactor.strip());
    }
    return a;
  }

  /**
   * The dimension whose base unit the kernel's unit is, if exactly one dimension has it as base
   * unit (the kernel stores values in base units but names no dimension); otherwise null.
   */
  private static String dimensionOf(String unit) {
    if (unit.isBlank()) {
      return null;
    }
    List<Dimension> matching = new ArrayList<>();
    for (Dimension d : UNITS.dimensionsOfUnit(unit)) {
      if (d.baseUnit().name().equals(unit)) {
        matching.add(d);
      }
    }
    return matching.size() == 1 ? matching.get(0).name() : null;
  }

  private static String describe(Quantity q) {
    return q.list.name().toLowerCase() + " '" + q.name + "' (id " + q.id + ")";
  }

  private void addEvent(SimModelDocument.Event e) {
    Entity event = new Entity(EntityKind.EVENT, null, "Event " + e.id,
        Map.of("formula", e.conditionFormulaId, "oneTime", e.oneTime ? "1" : "0"));
    root.addChild(event);
    int k = 0;
    for (SimModelDocument.Assignment a : e.assignments) {
      if (!byId.containsKey(a.objectId())) {
        throw new ModelDefinitionException("event id " + e.id + ": assignment target id " + a.objectId()
            + " is not a parameter, variable or observer");
      }
      event.addChild(new Entity(EntityKind.EVENT_ASSIGNMENT, null, "Assignment " + (++k),
          Map.of("changedEntity", a.objectId(), "formula", a.newFormulaId(), "useAsValue", a.useAsValue() ? "1" : "0")));
    }
  }

  private FormulaDef translate(Formula f) {
    List<FormulaReference> refs = new ArrayList<>();
    switch (f.element) {
      case "ExplicitFormula": {
        if (f.equation == null || f.equation.isBlank()) {
          throw new ModelDefinitionException("formula " + f.id + " has no equation");
        }
        for (SimModelDocument.Reference r : f.references) {
          refs.add(new FormulaReference(r.alias(), r.id().equals(TIME_ID) ? null : pathOf(r.id(), f, r.alias())));
        }
        return new FormulaDef(f.id, FormulaKind.EXPLICIT, f.equation.strip(), "", Double.NaN, refs, List.of(), false,
            null, null);
      }
      case "TableFormula":
        for (int i = 1; i < f.points.size(); i++) {
          if (!(f.points.get(i).x() > f.points.get(i - 1).x())) {
            throw new ModelDefinitionException("table formula " + f.id + ": x values must be strictly increasing");
          }
        }
        return new FormulaDef(f.id, FormulaKind.TABLE, null, "", Double.NaN, refs, f.points, f.useDerivedValues,
            null, null);
      default: {
        boolean offset = f.element.equals("TableFormulaWithOffset");
        String second = offset ? "Offset" : "XArgument";
        if (f.tableId == null || f.argumentId == null) {
          throw new ModelDefinitionException("formula " + f.id + ": <" + f.element + "> needs a Table and an "
              + second);
        }
        refs.add(new FormulaReference("Table", pathOf(f.tableId, f, "Table")));
        refs.add(new FormulaReference(second, f.argumentId.equals(TIME_ID) ? null : pathOf(f.argumentId, f, second)));
        return new FormulaDef(f.id, offset ? FormulaKind.TABLE_WITH_OFFSET : FormulaKind.TABLE_WITH_X_ARGUMENT, null,
            "", Double.NaN, refs, List.of(), false, "Table", second);
      }
    }
  }

  /** Root-absolute path (simulation name first) of the quantity with this id. */
  private String pathOf(String id, Formula f, String alias) {
    Entity e = byId.get(id);
    if (e == null) {
      throw new ModelDefinitionException("formula " + f.id + ": reference '" + alias + "' points to id " + id
          + ", which is not a parameter, variable or observer");
    }
    return root.name() + "|" + e.path();
  }

  private FileSettings settings(Map<String, FormulaDef> formulas) {
    Map<String, ParameterSpec> solver = new HashMap<>();
    doc.solverOptions.forEach((option, id) -> {
      Entity p = byId.get(id);
      String name = SOLVER_NAMES.get(option);
      if (p == null) {
        throw new ModelDefinitionException("solver option " + option + " points to id " + id
            + ", which is not a parameter");
      }
      String value = p.attribute("value");
      solver.put(name, new ParameterSpec(name,
          value == null ? Double.NaN : XmlCursor.number(value, "solver option " + option),
          p.attribute("formula"), value != null));
    });
    List<Map<String, ParameterSpec>> intervals = new ArrayList<>();
    for (SimModelDocument.Interval i : doc.intervals) {
      if (i.distribution() != null && !i.distribution().equalsIgnoreCase("Uniform")) {
        throw new ModelDefinitionException("output interval: distribution '" + i.distribution()
            + "' is not supported (only Uniform)");
      }
      double start = XmlCursor.number(required(i.start(), "StartTime"), "output interval StartTime");
      double end = XmlCursor.number(required(i.end(), "EndTime"), "output interval EndTime");
      double points = XmlCursor.number(required(i.points(), "NumberOfTimePoints"),
          "output interval NumberOfTimePoints");
      if (!(points >= 1) || points != Math.rint(points)) {
        throw new ModelDefinitionException("output interval: NumberOfTimePoints must be a positive integer, not "
            + i.points());
      }
      double resolution = end > start ? Math.max(points - 1, 1) / (end - start) : 1;
      intervals.add(interval(start, end, resolution));
    }
    for (String t : doc.outputTimes) {
      double time = XmlCursor.number(t, "output time");
      intervals.add(interval(time, time, 1));
    }
    return new FileSettings(solver, intervals, List.of(), formulas);
  }

  private static String required(String text, String element) {
    if (text == null) {
      throw new ModelDefinitionException("output interval has no " + element);
    }
    return text;
  }

  private static Map<String, ParameterSpec> interval(double start, double end, double resolution) {
    Map<String, ParameterSpec> m = new LinkedHashMap<>();
    m.put("Start time", new ParameterSpec("Start time", start, null, true));
    m.put("End time", new ParameterSpec("End time", end, null, true));
    m.put("Resolution", new ParameterSpec("Resolution", resolution, null, true));
    return m;
  }
}
