package io.mcpbridge.core.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.service.ParameterPathMatcher;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * OSP's local sensitivity analysis of individual 3 of {@code Pop500_p1p2p3.csv} on
 * {@code MiniModel2.pkml} (ospsuite, OSP's defaults: every eligible parameter, 2 steps, range 0.1),
 * reproduced with the real engine, value by value within 1e-4 absolute (the tolerance OSP's own
 * workflow tests use).
 */
class MiniModelSensitivityParityTest {
  private static final double TOLERANCE = 1e-4;

  private final PkmlSimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);

  @Test
  void individual3MatchesOspsExport() throws Exception {
    ModelRef model = PopulationReference.model("MiniModel2.pkml");
    List<ParameterOverride> individual3 = PopulationReference.individual("Pop500_p1p2p3.csv", 3);
    assertThat(individual3).extracting(ParameterOverride::path)
        .containsExactly("Organism|p1", "Organism|p2", "Organism|p3");
    List<PopulationReference.OspRow> osp =
        PopulationReference.ospSensitivities("MiniModel2_individual3_sensitivity_ospsuite.csv");

    // OSP's analysis reports one output and five PK parameters; ask for the same.
    List<String> outputs = osp.stream().map(PopulationReference.OspRow::quantityPath).distinct().toList();
    List<String> pk = osp.stream().map(PopulationReference.OspRow::pkParameter).distinct().toList();
    SensitivityRequest request = new SensitivityRequest(SimulationSpec.of(model), individual3, List.of(),
        SensitivityRequest.DEFAULT_STEPS, SensitivityRequest.DEFAULT_RANGE, outputs, pk);
    SensitivityPlan plan = new SensitivityPlanner(engine, ParameterPathMatcher::compile).plan(request);
    SensitivityResults results = new LocalSensitivityAnalysis(engine, new PkParameterCalculator(), PkOptions.defaults(), 2)
        .run(plan, RunControl.unbounded());

    // OSP's default selection: exactly the parameters its export lists, with its display names.
    Set<String> ospParameters = osp.stream().map(PopulationReference.OspRow::parameterPath)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(results.parameterPaths()).containsExactlyInAnyOrderElementsOf(ospParameters);
    assertThat(results.runs()).isEqualTo(1 + 4 * ospParameters.size());
    assertThat(results.entries()).hasSameSizeAs(osp);

    double worst = 0;
    for (PopulationReference.OspRow row : osp) {
      PkSensitivity ours = results.find(row.quantityPath(), row.pkParameter(), row.parameterPath())
          .orElseThrow(() -> new AssertionError("no sensitivity for " + row));
      assertThat(ours.parameterName()).as("display name of %s", row.parameterPath()).isEqualTo(row.parameter());
      assertThat(ours.value()).as("%s %s %s", row.quantityPath(), row.pkParameter(), row.parameterPath())
          .isCloseTo(row.value(), within(TOLERANCE));
      worst = Math.max(worst, Math.abs(ours.value() - row.value()));
    }
    System.out.printf("MiniModel2 individual 3: %d values, largest deviation from OSP %.3g%n", osp.size(), worst);
  }
}
