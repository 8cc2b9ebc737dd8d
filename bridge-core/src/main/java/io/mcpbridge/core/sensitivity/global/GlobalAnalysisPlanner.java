package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkParameterNames;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Validates a global sensitivity analysis against its model. A varied parameter must be a
 * parameter the simulation uses whose value is constant (or a formula value set explicitly), as
 * for OSP's local method; unlike the local method a zero value is fine, since the range is
 * declared. Every problem is collected and reported in one {@link InvalidInputException}; nothing
 * runs.
 */
public final class GlobalAnalysisPlanner {
  /** Upper bound on N or r: beyond it a job's design no longer fits comfortably in memory. */
  public static final int MAX_SAMPLES = 1 << 20;

  private final SimulationEngine engine;

  /** @param engine loads the model and tells which parameters a run reads */
  public GlobalAnalysisPlanner(SimulationEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Parses varied parameters written {@code PATH=DIST(ARGS)[ UNIT]}; each one that cannot be read
   * becomes a problem in {@code problems} instead of a parameter.
   */
  public static List<GlobalParameter> parseAll(List<String> texts, LoadedModel model, UnitCatalog units,
      List<ErrorDetail> problems) {
    List<GlobalParameter> out = new ArrayList<>();
    for (String text : texts) {
      try {
        out.add(GlobalVariationSyntax.parse(text, model, units));
      } catch (InvalidInputException e) {
        problems.add(ErrorDetail.error("vary", e.getMessage()));
      }
    }
    return out;
  }

  /**
   * The plan of {@code request} on {@code simulation}.
   *
   * @param earlier problems found before (e.g. unreadable variations), reported with the others
   * @throws InvalidInputException listing every problem: no or repeated parameters, parameters
   *     that are unknown, not parameters, not constant or unused, N or r &lt; 2, levels odd or
   *     &lt; 2, bootstrap &lt; 100, a confidence outside (0, 1), an unbounded distribution for
   *     Morris, unknown outputs or PK parameter names, no outputs, negative or non-finite times,
   *     an unknown baseline path
   */
  public GlobalAnalysisPlan plan(SimulationSpec simulation, GlobalSensitivityJobRequest request,
      List<ErrorDetail> earlier) {
    List<ErrorDetail> problems = new ArrayList<>(earlier);
    LoadedModel model = engine.load(simulation.model());
    Set<String> inUse = engine.parametersInUse(simulation.model());
    Set<String> overridden = new HashSet<>();
    simulation.overrides().forEach(o -> overridden.add(o.path()));
    for (ParameterOverride o : request.baseline()) {
      if (model.quantity(o.path()).isEmpty()) {
        problems.add(ErrorDetail.error("baseline", "'" + o.path() + "' is not a quantity of the model"));
      } else if (!Double.isFinite(o.value())) {
        problems.add(ErrorDetail.error("baseline", "'" + o.path() + "' has no finite value (" + o.value() + ")"));
      }
      overridden.add(o.path());
    }

    boolean sobol = request.method() == GlobalMethod.SOBOL;
    String what = sobol ? "n (base samples)" : "n (trajectories)";
    if (request.samples() < 2 || request.samples() > MAX_SAMPLES) {
      problems.add(ErrorDetail.error("n", what + " must be 2-" + MAX_SAMPLES + " (was " + request.samples() + ")"));
    }
    if (sobol) {
      if (request.bootstrapResamples() < 100 || request.bootstrapResamples() > 100_000) {
        problems.add(ErrorDetail.error("bootstrap", "must be 100-100000 (was " + request.bootstrapResamples() + ")"));
      }
      if (!(request.confidence() > 0 && request.confidence() < 1)) {
        problems.add(ErrorDetail.error("confidence", "must lie strictly between 0 and 1 (was " + request.confidence() + ")"));
      }
    } else if (request.levels() < 2 || request.levels() % 2 != 0 || request.levels() > 1000) {
      problems.add(ErrorDetail.error("levels", "must be even and 2-1000 (was " + request.levels() + ")"));
    }

    if (request.parameters().isEmpty() && earlier.isEmpty()) {
      problems.add(ErrorDetail.error("vary", "a global analysis needs at least one varied parameter"));
    }
    Set<String> seen = new HashSet<>();
    for (GlobalParameter p : request.parameters()) {
      if (!seen.add(p.name())) {
        problems.add(ErrorDetail.error("vary", "'" + p.name() + "' is varied twice"));
        continue;
      }
      String problem = problemOf(p.name(), model, inUse, overridden);
      if (problem != null) {
        problems.add(ErrorDetail.error("vary", problem));
      } else if (!sobol && !p.distribution().bounded()) {
        problems.add(ErrorDetail.error("vary", "'" + p.name() + "': Morris screening needs a bounded range "
            + "(uniform or loguniform), not a normal or lognormal distribution"));
      }
    }

    List<String> outputs = request.outputs().isEmpty()
        ? (simulation.outputs().isEmpty() ? model.outputPaths() : simulation.outputs())
        : request.outputs();
    if (outputs.isEmpty()) {
      problems.add(ErrorDetail.error("outputs", "the simulation selects no outputs and none were given"));
    }
    for (String o : outputs) {
      if (model.quantity(o).isEmpty()) {
        problems.add(ErrorDetail.error("outputs", "'" + o + "' is not a quantity of the model"));
      }
    }
    Set<String> known = PkParameterNames.all();
    for (String name : request.pkParameters()) {
      if (!known.contains(name)) {
        problems.add(ErrorDetail.error("pkParameters", "'" + name + "' is not a PK parameter name"));
      }
    }
    for (double t : request.times()) {
      if (!Double.isFinite(t) || t < 0) {
        problems.add(ErrorDetail.error("times", "must be finite and at least 0 (was " + t + ")"));
      }
    }

    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("the global sensitivity analysis cannot run: ");
      for (int i = 0; i < problems.size(); i++) {
        message.append(i == 0 ? "" : "; ").append(problems.get(i).field()).append(": ").append(problems.get(i).issue());
      }
      throw new InvalidInputException(message.toString(), problems);
    }

    boolean allPk = request.pkParameters().isEmpty() && request.times().isEmpty();
    List<GlobalResponse> responses = new ArrayList<>();
    for (String o : outputs) {
      request.pkParameters().forEach(pk -> responses.add(GlobalResponse.pk(o, pk)));
      request.times().forEach(t -> responses.add(GlobalResponse.at(o, t)));
    }
    SimulationSpec baseline = simulation;
    for (ParameterOverride o : request.baseline()) {
      baseline = baseline.withOverride(o);
    }
    return new GlobalAnalysisPlan(baseline.withOutputs(outputs), request, responses, allPk);
  }

  private static String problemOf(String path, LoadedModel model, Set<String> inUse, Set<String> overridden) {
    QuantityInfo q = model.quantity(path).orElse(null);
    if (q == null) {
      return "'" + path + "' is not a quantity of the model";
    }
    if (q.kind() != QuantityKind.PARAMETER && q.kind() != QuantityKind.DISTRIBUTED_PARAMETER) {
      return "'" + path + "' is not a parameter (" + q.kind().name().toLowerCase(Locale.ROOT) + ")";
    }
    if (q.formulaDriven() && !overridden.contains(path)) {
      return "'" + path + "' is not constant: its value comes from a formula (set a value first to vary it)";
    }
    if (!inUse.contains(path)) {
      return "'" + path + "' is not used by the simulation";
    }
    return null;
  }
}
