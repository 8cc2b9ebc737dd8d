package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkParameterNames;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates a {@link SensitivityRequest} against its model and selects the parameters as OSP does:
 * a parameter is eligible if the simulation uses it and its value is constant, or is a formula
 * value the user has overridden (the request's simulation or its baseline). Every problem is
 * collected and reported in one {@link InvalidInputException}; nothing runs.
 */
public final class SensitivityPlanner {
  private final SimulationEngine engine;
  private final PathPatterns patterns;

  /**
   * @param engine loads the model and tells which parameters a run reads
   * @param patterns compiles the parameter path patterns of requests
   */
  public SensitivityPlanner(SimulationEngine engine, PathPatterns patterns) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.patterns = Objects.requireNonNull(patterns, "patterns");
  }

  /**
   * The plan of a request.
   *
   * @throws InvalidInputException listing every problem: steps &lt; 1, range outside (0, 1), an
   *     unknown output or PK parameter name, no outputs, an unknown baseline path, and parameter
   *     paths that are unknown, not parameters, not constant, unused, zero or not finite, or
   *     patterns that match no eligible parameter
   */
  public SensitivityPlan plan(SensitivityRequest request) {
    List<ErrorDetail> problems = new ArrayList<>();
    if (request.steps() < 1) {
      problems.add(ErrorDetail.error("steps", "must be at least 1 (was " + request.steps() + ")"));
    }
    if (!(request.range() > 0 && request.range() < 1)) {
      problems.add(ErrorDetail.error("range", "must be greater than 0 and less than 1 (was " + request.range() + ")"));
    }
    SimulationSpec spec = request.simulation();
    LoadedModel model = engine.load(spec.model());
    Set<String> inUse = engine.parametersInUse(spec.model());
    Map<String, QuantityInfo> byPath = new HashMap<>();
    Map<String, QuantityInfo> byLowerPath = new HashMap<>();
    for (QuantityInfo q : model.quantities()) {
      byPath.put(q.path(), q);
      byLowerPath.putIfAbsent(q.path().toLowerCase(Locale.ROOT), q);
    }

    Map<String, Double> overridden = new HashMap<>();
    for (ParameterOverride o : spec.overrides()) {
      overridden.put(o.path(), o.value());
    }
    for (ParameterOverride o : request.baseline()) {
      if (!byPath.containsKey(o.path())) {
        problems.add(ErrorDetail.error("baseline", "'" + o.path() + "' is not a quantity of the model"));
      } else if (!Double.isFinite(o.value())) {
        problems.add(ErrorDetail.error("baseline", "'" + o.path() + "' has no finite value (" + o.value() + ")"));
      }
      overridden.put(o.path(), o.value());
    }

    List<String> outputs = request.outputs().isEmpty()
        ? (spec.outputs().isEmpty() ? model.outputPaths() : spec.outputs())
        : request.outputs();
    if (outputs.isEmpty()) {
      problems.add(ErrorDetail.error("outputs", "the simulation selects no outputs and none were given"));
    }
    for (String o : outputs) {
      if (!byPath.containsKey(o)) {
        problems.add(ErrorDetail.error("outputs", "'" + o + "' is not a quantity of the model"));
      }
    }
    Set<String> known = PkParameterNames.all();
    for (String name : request.pkParameters()) {
      if (!known.contains(name)) {
        problems.add(ErrorDetail.error("pkParameters", "'" + name + "' is not a PK parameter name"));
      }
    }

    Set<String> selected = new LinkedHashSet<>();
    if (request.parameters().isEmpty()) {
      for (QuantityInfo q : model.quantities()) {
        if (eligible(q, inUse, overridden) && varies(valueOf(q, overridden))) {
          selected.add(q.path());
        }
      }
      if (selected.isEmpty()) {
        problems.add(ErrorDetail.error("parameters", "the simulation has no constant, non-zero parameter it uses"));
      }
    }
    for (String text : request.parameters()) {
      PathPatterns.Pattern matcher;
      try {
        matcher = patterns.compile(text);
      } catch (InvalidInputException e) {
        problems.add(ErrorDetail.error("parameters", "'" + text + "': " + e.getMessage()));
        continue;
      }
      if (matcher.isWildcard()) {
        int before = selected.size();
        boolean any = false;
        for (QuantityInfo q : model.quantities()) {
          if (matcher.matches(q.path()) && eligible(q, inUse, overridden) && varies(valueOf(q, overridden))) {
            any = true;
            selected.add(q.path());
          }
        }
        if (!any && selected.size() == before) {
          problems.add(ErrorDetail.error("parameters", "'" + text + "' matches no constant, non-zero parameter the simulation uses"));
        }
        continue;
      }
      QuantityInfo q = byPath.get(text);
      if (q == null) {
        q = byLowerPath.get(text.toLowerCase(Locale.ROOT));
      }
      String problem = problemOf(text, q, inUse, overridden);
      if (problem != null) {
        problems.add(ErrorDetail.error("parameters", problem));
      } else {
        selected.add(q.path());
      }
    }

    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("the sensitivity analysis cannot run: ");
      for (int i = 0; i < problems.size(); i++) {
        message.append(i == 0 ? "" : "; ").append(problems.get(i).field()).append(": ").append(problems.get(i).issue());
      }
      throw new InvalidInputException(message.toString(), problems);
    }

    List<String> paths = new ArrayList<>(selected);
    Map<String, String> names = ParameterDisplayNames.of(paths);
    List<SensitivityParameter> parameters = new ArrayList<>();
    for (String path : paths) {
      double p0 = valueOf(byPath.get(path), overridden);
      parameters.add(new SensitivityParameter(path, names.get(path), p0,
          VariationValues.around(p0, request.steps(), request.range())));
    }
    SimulationSpec baseline = spec;
    for (ParameterOverride o : request.baseline()) {
      baseline = baseline.withOverride(o);
    }
    baseline = baseline.withOutputs(outputs);
    return new SensitivityPlan(baseline, parameters, outputs, request.pkParameters(), request.steps(), request.range());
  }

  private static String problemOf(String text, QuantityInfo q, Set<String> inUse, Map<String, Double> overridden) {
    if (q == null) {
      return "'" + text + "' is not a quantity of the model";
    }
    if (q.kind() != QuantityKind.PARAMETER && q.kind() != QuantityKind.DISTRIBUTED_PARAMETER) {
      return "'" + q.path() + "' is not a parameter (" + q.kind().name().toLowerCase(Locale.ROOT) + ")";
    }
    if (q.formulaDriven() && !overridden.containsKey(q.path())) {
      return "'" + q.path() + "' is not constant: its value comes from a formula (set a value first to vary it)";
    }
    if (!inUse.contains(q.path())) {
      return "'" + q.path() + "' is not used by the simulation";
    }
    double p0 = valueOf(q, overridden);
    if (p0 == 0) {
      return "'" + q.path() + "' is 0: multiplicative variations of a zero value are impossible";
    }
    if (!Double.isFinite(p0)) {
      return "'" + q.path() + "' has no finite value (" + p0 + ")";
    }
    return null;
  }

  private static boolean eligible(QuantityInfo q, Set<String> inUse, Map<String, Double> overridden) {
    boolean parameter = q.kind() == QuantityKind.PARAMETER || q.kind() == QuantityKind.DISTRIBUTED_PARAMETER;
    return parameter && !q.stateVariable() && inUse.contains(q.path())
        && (!q.formulaDriven() || overridden.containsKey(q.path()));
  }

  private static boolean varies(double p0) {
    return p0 != 0 && Double.isFinite(p0);
  }

  private static double valueOf(QuantityInfo q, Map<String, Double> overridden) {
    Double set = overridden.get(q.path());
    return set != null ? set : q.value();
  }
}
