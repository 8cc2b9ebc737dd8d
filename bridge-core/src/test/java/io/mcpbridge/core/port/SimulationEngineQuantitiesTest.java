package io.mcpbridge.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port's default {@code quantities(spec)}: the file's values with each overridden one replaced. */
class SimulationEngineQuantitiesTest {
  private static final ModelRef REF = new ModelRef(Path.of("/models/m.pkml").toAbsolutePath(), "a".repeat(64));

  private static QuantityInfo q(String path, double value, boolean formula) {
    return new QuantityInfo(path, QuantityKind.PARAMETER, value, "", "", formula, false);
  }

  private final SimulationEngine engine = new SimulationEngine() {
    @Override
    public LoadedModel load(ModelRef model) {
      return new LoadedModel(model, "m", List.of(q("Start time", 0, false), q("DrugMass", 70, true), q("BW", 70, false)),
          List.of(), List.of(), SolverSettings.ospDefaults());
    }

    @Override
    public SimulationResult run(SimulationSpec spec, RunControl control) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void overriddenQuantitiesTakeTheirOverrideTheLaterOneWinning() {
    SimulationSpec spec = SimulationSpec.of(REF).withOverride(new ParameterOverride("Start time", 60.0))
        .withOverride(new ParameterOverride("Start time", 90.0)).withOverride(new ParameterOverride("BW", 80.0));

    List<QuantityInfo> quantities = engine.quantities(spec);

    assertThat(quantities).extracting(QuantityInfo::path).containsExactly("Start time", "DrugMass", "BW");
    assertThat(quantities).extracting(QuantityInfo::value).containsExactly(90.0, 70.0, 80.0);
    assertThat(quantities.get(1).formulaDriven()).isTrue();
  }
}
