package io.mcpbridge.core.port;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SimulationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and simulates models. Implementations are thread-safe: several runs of the same or
 * different models may proceed concurrently. Implementations may cache parsed models by
 * {@link ModelRef#sha256()}.
 */
public interface SimulationEngine {

  /**
   * Reads a model file and describes it.
   *
   * @param model the file and the hash its bytes must have
   * @return parameters, quantities, outputs and settings of the model, never null
   * @throws io.mcpbridge.core.error.InvalidInputException if the file is malformed, too large,
   *     not a simulation, uses an unsupported construct, or no longer matches the hash; the
   *     message names the file, the entity path or formula and the problem
   * @throws io.mcpbridge.core.error.BackendUnavailableException if the file cannot be read
   */
  LoadedModel load(ModelRef model);

  /**
   * The parameters a run of this model actually reads: those that reach an amount, a rate, an
   * observer or an event through the formulas referring to them. Sensitivity analysis varies these
   * (OSP varies only parameters the simulation uses). An engine that cannot tell reports every
   * parameter of {@link #load(ModelRef)}, which is what this default does.
   *
   * @param model the file and the hash its bytes must have
   * @return quantity paths (without the root name), never null
   * @throws io.mcpbridge.core.error.InvalidInputException as {@link #load(ModelRef)}
   * @throws io.mcpbridge.core.error.BackendUnavailableException as {@link #load(ModelRef)}
   */
  default Set<String> parametersInUse(ModelRef model) {
    Set<String> out = new LinkedHashSet<>();
    for (QuantityInfo q : load(model).quantities()) {
      if (q.kind() == QuantityKind.PARAMETER || q.kind() == QuantityKind.DISTRIBUTED_PARAMETER) {
        out.add(q.path());
      }
    }
    return out;
  }

  /**
   * The quantities of a spec's model as a run of that spec starts: every parameter, amount and
   * observer with its value at t = 0 once the spec's overrides are applied. PK analysis reads the
   * applications of a run from these (start times, drug masses, body weight), so a changed dose or
   * start time counts as it does in the run.
   *
   * <p>This default replaces the value of each overridden quantity and leaves every other value as
   * the file has it; an engine that evaluates formulas (a drug mass computed from an overridden
   * dose per body weight) should return the values its run would start from.
   *
   * @param spec the model plus overrides
   * @return quantities in tree order, never null
   * @throws io.mcpbridge.core.error.InvalidInputException as {@link #load(ModelRef)}, or if an
   *     override names an unknown quantity
   * @throws io.mcpbridge.core.error.BackendUnavailableException as {@link #load(ModelRef)}
   */
  default List<QuantityInfo> quantities(SimulationSpec spec) {
    Map<String, Double> overridden = new HashMap<>();
    for (ParameterOverride o : spec.overrides()) {
      overridden.put(o.path(), o.value());
    }
    List<QuantityInfo> out = new ArrayList<>();
    for (QuantityInfo q : load(spec.model()).quantities()) {
      Double v = overridden.get(q.path());
      out.add(v == null ? q : new QuantityInfo(q.path(), q.kind(), v, q.dimension(), q.displayUnit(),
          q.formulaDriven(), q.stateVariable()));
    }
    return out;
  }

  /**
   * Simulates a spec and returns the requested series at the output times.
   *
   * @param spec the model plus overrides, outputs, grid and solver settings
   * @param control cancellation, deadline and progress, checked inside the solver loop
   * @return the result, never null
   * @throws io.mcpbridge.core.error.InvalidInputException if an override or output names an
   *     unknown quantity, or the spec is inconsistent with the model
   * @throws io.mcpbridge.core.error.InteropException if the solver fails on this model
   * @throws io.mcpbridge.core.error.RunCancelledException if cancelled through {@code control}
   * @throws io.mcpbridge.core.error.TimeoutException if the deadline of {@code control} passed
   */
  SimulationResult run(SimulationSpec spec, RunControl control);
}
