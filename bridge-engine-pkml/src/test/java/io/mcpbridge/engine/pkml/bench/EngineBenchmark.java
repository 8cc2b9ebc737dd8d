package io.mcpbridge.engine.pkml.bench;

import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.engine.pkml.ReferenceData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Load time (read, hash, parse, compile, initial values; a fresh engine so nothing is cached) and
 * warm run time (model cached, JIT warm) of each reference model with the file's own settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineBenchmark {
  /** Every reference model, relative to {@code shared/reference/pkml/models}. */
  @Param({"esqlabsR_simple.pkml", "esqlabsR_simple2.pkml", "ospsuiteR_tests_simple.pkml",
      "ospsuiteR_extdata_simple.pkml", "ospsuiteR_concentration_based.pkml",
      "extra_no_reference_numbers/sc_model_2c.pkml", "extra_no_reference_numbers/pi_IR_model_doseResponse.pkml",
      "extra_no_reference_numbers/not_ok_sim.pkml", "extra_no_reference_numbers/pksim_simple_simulation.pkml"})
  public String model;

  private ModelRef ref;
  private PkmlSimulationEngine warmEngine;
  private SimulationSpec spec;

  @Setup
  public void setUp() {
    ref = EngineFixture.ref(ReferenceData.model(model));
    warmEngine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    warmEngine.load(ref);
    spec = SimulationSpec.of(ref);
  }

  @Benchmark
  public LoadedModel load() {
    return new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS).load(ref);
  }

  @Benchmark
  public SimulationResult warmRun() {
    return warmEngine.run(spec, RunControl.unbounded());
  }
}
