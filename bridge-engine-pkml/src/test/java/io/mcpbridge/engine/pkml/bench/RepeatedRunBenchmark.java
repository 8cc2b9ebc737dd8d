package io.mcpbridge.engine.pkml.bench;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.EngineFixture;
import io.mcpbridge.engine.pkml.PkmlEngineSettings;
import io.mcpbridge.engine.pkml.PkmlSimulationEngine;
import io.mcpbridge.engine.pkml.ReferenceData;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Runs #2..N of the PK-Sim IV-bolus model as a population or sensitivity analysis makes them: one
 * engine, and every run a different "individual" (liver volume, lipophilicity and unbound fraction
 * each varied by up to ±20 %, 64 individuals from a fixed seed, taken in turn).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RepeatedRunBenchmark {
  static final String MODEL = "extra_no_reference_numbers/pksim_simple_simulation.pkml";
  private static final String[] PATHS = {
    "Organism|Liver|Volume", "C1|Lipophilicity", "C1|Fraction unbound (plasma, reference value)"};
  private static final double[] BASE = {2.377309633671371, 3.0, 0.11};
  private static final int INDIVIDUALS = 64;

  private PkmlSimulationEngine engine;
  private SimulationSpec[] individuals;
  private int next;

  @Setup
  public void setUp() {
    ModelRef ref = EngineFixture.ref(ReferenceData.model(MODEL));
    engine = new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
    engine.load(ref);
    Random random = new Random(20261203);
    individuals = new SimulationSpec[INDIVIDUALS];
    for (int i = 0; i < INDIVIDUALS; i++) {
      SimulationSpec spec = SimulationSpec.of(ref);
      for (int p = 0; p < PATHS.length; p++) {
        spec = spec.withOverride(new ParameterOverride(PATHS[p], BASE[p] * (0.8 + 0.4 * random.nextDouble())));
      }
      individuals[i] = spec;
    }
  }

  @Benchmark
  public SimulationResult runAnotherIndividual() {
    SimulationSpec spec = individuals[next];
    next = (next + 1) % INDIVIDUALS;
    return engine.run(spec, RunControl.unbounded());
  }
}
