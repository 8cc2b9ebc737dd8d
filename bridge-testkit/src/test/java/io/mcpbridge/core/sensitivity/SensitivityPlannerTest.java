package io.mcpbridge.core.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.ErrorDetail;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.ParameterPathMatcher;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter selection and input validation on MiniModel2 with the real engine. */
class SensitivityPlannerTest {
  private final PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
  private final ModelRef model = PopulationReference.model("MiniModel2.pkml");
  private final SensitivityPlanner planner = new SensitivityPlanner(engine, ParameterPathMatcher::compile);

  private SensitivityRequest request(List<ParameterOverride> baseline, List<String> parameters, int steps, double range,
      List<String> outputs, List<String> pk) {
    return new SensitivityRequest(SimulationSpec.of(model), baseline, parameters, steps, range, outputs, pk);
  }

  @Test
  void defaultSelectionIsEveryConstantParameterTheSimulationUses() {
    SensitivityPlan plan = planner.plan(SensitivityRequest.defaults(SimulationSpec.of(model)));
    assertThat(plan.parameters()).extracting(SensitivityParameter::path)
        .containsExactly("Organism|Volume", "Organism|p1", "Organism|p2", "Organism|p3");
    // Constant parameters nothing reads (e.g. the molecule's molecular weight) are not varied.
    LoadedModel loaded = engine.load(model);
    assertThat(loaded.quantities().stream().filter(q -> q.kind() == QuantityKind.PARAMETER && !q.formulaDriven()))
        .extracting(QuantityInfo::path).hasSizeGreaterThan(4);
    assertThat(plan.runs()).isEqualTo(17);
    assertThat(plan.parameters().get(1).variations()).hasSize(4);
  }

  @Test
  void wildcardsSelectAmongEligibleParameters() {
    SensitivityPlan plan = planner.plan(request(List.of(), List.of("Organism|p*"), 1, 0.2, List.of(), List.of("C_max")));
    assertThat(plan.parameters()).extracting(SensitivityParameter::path)
        .containsExactly("Organism|p1", "Organism|p2", "Organism|p3");
    assertThat(plan.runs()).isEqualTo(7);
  }

  @Test
  void baselineValuesAreP0AndMakeFormulaParametersEligible() {
    QuantityInfo formula = engine.load(model).quantities().stream()
        .filter(q -> q.kind() == QuantityKind.PARAMETER && q.formulaDriven()
            && engine.parametersInUse(model).contains(q.path()))
        .findFirst().orElseThrow();
    SensitivityPlan plan = planner.plan(request(List.of(new ParameterOverride("Organism|p1", 4.0)),
        List.of("Organism|p1"), 2, 0.1, List.of(), List.of()));
    assertThat(plan.parameters().get(0).baselineValue()).isEqualTo(4.0);
    assertThatThrownBy(() -> planner.plan(request(List.of(), List.of(formula.path()), 2, 0.1, List.of(), List.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("not constant");
    SensitivityPlan set = planner.plan(request(List.of(new ParameterOverride(formula.path(), 3.0)),
        List.of(formula.path()), 2, 0.1, List.of(), List.of()));
    assertThat(set.parameters()).extracting(SensitivityParameter::path).containsExactly(formula.path());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    SensitivityRequest bad = request(
        List.of(new ParameterOverride("Organism|p2", 0.0), new ParameterOverride("Organism|Nowhere", 1.0)),
        List.of("Organism|Nope", "Organism|p2", "Organism|A", "Organism|q*"),
        0, 1.0, List.of("Organism|Missing"), List.of("C_maximum"));

    assertThatThrownBy(() -> planner.plan(bad))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.details()).extracting(ErrorDetail::field).containsExactlyInAnyOrder(
              "steps", "range", "baseline", "outputs", "pkParameters", "parameters", "parameters", "parameters",
              "parameters");
          assertThat(e.getMessage()).contains("steps", "range", "Organism|Nowhere", "Organism|Missing", "C_maximum",
              "'Organism|Nope' is not a quantity", "'Organism|p2' is 0", "'Organism|A' is not a parameter",
              "'Organism|q*' matches no");
        });
    assertThatThrownBy(() -> planner.plan(request(List.of(), List.of("Organism|p1"), 2, 0.0, List.of(), List.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("range");
    assertThatThrownBy(() -> planner.plan(request(List.of(), List.of("Organism|p1"), 2, -0.1, List.of(), List.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("range");
  }

  @Test
  void aModelWithoutOutputsNeedsThemGiven() {
    SimulationEngine noOutputs = new SimulationEngine() {
      @Override
      public LoadedModel load(ModelRef ref) {
        LoadedModel m = engine.load(ref);
        return new LoadedModel(m.ref(), m.name(), m.quantities(), List.of(), m.outputIntervals(), m.solver());
      }

      @Override
      public java.util.Set<String> parametersInUse(ModelRef ref) {
        return engine.parametersInUse(ref);
      }

      @Override
      public SimulationResult run(SimulationSpec spec, RunControl control) {
        throw new AssertionError("nothing may run");
      }
    };
    assertThatThrownBy(() -> new SensitivityPlanner(noOutputs, ParameterPathMatcher::compile).plan(SensitivityRequest.defaults(SimulationSpec.of(model))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no outputs");
  }
}
