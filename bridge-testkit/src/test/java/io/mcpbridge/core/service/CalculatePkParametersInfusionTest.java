package io.mcpbridge.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.service.tools.CalculatePkParametersTool;
import io.mcpbridge.core.service.tools.GetJobStatusTool;
import io.mcpbridge.core.service.tools.RunSimulationTool;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * calculate_pk_parameters on a stored result takes OSP's infusion time from the model's only
 * application (MRT minus half of it) unless the caller gives one. The bundled IV model is run by the
 * real engine; its description gains a PK-Sim-style application with a 30 min infusion time.
 */
class CalculatePkParametersInfusionTest {
  private static final Principal ALICE = BridgeFixture.caller("alice", Role.OPERATOR);
  private static final String APPLICATION = "Applications|IV infusion|Application_1|ProtocolSchemaItem|";
  private static final String DRUG = "Organism|Central|Drug";

  /** The real engine, describing the model with an infusion application added. */
  private static final class InfusionDescribingEngine implements SimulationEngine {
    private final SimulationEngine engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);

    @Override
    public LoadedModel load(ModelRef model) {
      LoadedModel m = engine.load(model);
      List<QuantityInfo> quantities = new ArrayList<>(m.quantities());
      // PK-Sim's layout: the application container holds an amount of the applied molecule.
      quantities.add(new QuantityInfo("Applications|IV infusion|Application_1|Drug", QuantityKind.MOLECULE_AMOUNT, 0,
          "Amount", "µmol", false, false));
      quantities.add(new QuantityInfo(APPLICATION + "Start time", QuantityKind.PARAMETER, 0, "Time", "min", false, false));
      quantities.add(new QuantityInfo(APPLICATION + "Infusion time", QuantityKind.PARAMETER, 30, "Time", "min", false,
          false));
      return new LoadedModel(m.ref(), m.name(), quantities, m.outputPaths(), m.outputIntervals(), m.solver());
    }

    @Override
    public SimulationResult run(SimulationSpec spec, RunControl control) {
      return engine.run(spec, control);
    }
  }

  private static double mrt(BridgeFixture bridge, String resultsId, Optional<Double> infusionTime) {
    CalculatePkParametersTool.Output out = bridge.call("calculate_pk_parameters", new CalculatePkParametersTool.Input(
        Optional.of(resultsId), Optional.of(DRUG), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), infusionTime, Optional.empty(), Optional.empty()), ALICE,
        CalculatePkParametersTool.Output.class);
    return out.parameters().get(DRUG).get("MRT").value();
  }

  @Test
  void givenAStoredResult_theModelsInfusionTimeCorrectsMrtUnlessTheCallerGivesOne() {
    BridgeFixture bridge = new BridgeFixture(new InfusionDescribingEngine());
    bridge.load("one_compartment_iv_bolus.pkml", "iv", ALICE);
    RunSimulationTool.Output job = bridge.call("run_simulation",
        new RunSimulationTool.Input("iv", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ALICE,
        RunSimulationTool.Output.class);
    bridge.backend.runNext();
    String resultsId = bridge.call("get_job_status", new GetJobStatusTool.Input(job.jobId()), ALICE,
        GetJobStatusTool.Output.class).resultHandle().orElseThrow().resultsId();

    double fromModel = mrt(bridge, resultsId, Optional.empty());
    double bolus = mrt(bridge, resultsId, Optional.of(0.0));
    double given = mrt(bridge, resultsId, Optional.of(10.0));

    assertThat(bolus - fromModel).as("half the model's 30 min").isCloseTo(15.0, within(1e-9));
    assertThat(bolus - given).as("the caller's value wins").isCloseTo(5.0, within(1e-9));
  }
}
