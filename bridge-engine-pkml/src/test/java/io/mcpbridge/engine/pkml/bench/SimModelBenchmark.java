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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Load and warm run time of the PK-Sim models saved as SimModel XML: the PK-Sim population case and
 * every runnable PK-Sim file of the kernel's test corpus, with each file's own settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimModelBenchmark {
  /** Relative to {@code shared/reference/simmodel-xml}. */
  @Param({"pksim-europeans-iv-bsa/Europeans_IVSingle_BSA.xml",
      "simmodel-testdata/12.0_Brockmoller2005_CPA.xml", "simmodel-testdata/AdultPopulation.xml",
      "simmodel-testdata/ConstZeroTableFormulation.xml", "simmodel-testdata/FIM_sim.xml",
      "simmodel-testdata/GrowConst.xml", "simmodel-testdata/InfinityTest.xml", "simmodel-testdata/OralTable01.xml",
      "simmodel-testdata/PKSim_Input_01.xml", "simmodel-testdata/PKSim_Input_04_MultiApp.xml",
      "simmodel-testdata/PKSim_Input_BelowAbsTol.xml", "simmodel-testdata/PKSim_Input_NewSchema_01.xml",
      "simmodel-testdata/POP_EHC_StartTime.xml", "simmodel-testdata/POPsim.xml",
      "simmodel-testdata/TableParametersViaDCI_Test01.xml", "simmodel-testdata/Theophyline_2.xml",
      "simmodel-testdata/pH_Solubility_Table.xml", "simmodel-testdata/pH_Solubility_Table_Const.xml",
      "simmodel-testdata/pH_Solubility_Table_Zero.xml"})
  public String model;

  private ModelRef ref;
  private PkmlSimulationEngine warmEngine;
  private SimulationSpec spec;

  /** A file below {@code shared/reference/simmodel-xml}. */
  static Path file(String relative) {
    Path p = ReferenceData.root().getParent().resolve("simmodel-xml").resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("reference file missing: " + p);
    }
    return p;
  }

  @Setup
  public void setUp() {
    ref = EngineFixture.ref(file(model));
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
