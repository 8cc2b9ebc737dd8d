package io.mcpbridge.core.population;

import io.mcpbridge.core.error.InteropException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An analytic one-compartment engine for population-flow tests: C(t) = Dose/V·e^(−k·t) at t = 0…10
 * min, from the overrides of {@code Organism|V}, {@code Organism|k} and {@code Organism|Dose}
 * (defaults 1). A negative k is a solver failure. Every time point is a checkpoint.
 */
final class DecayEngine implements SimulationEngine {
  static final ModelRef REF = new ModelRef(Path.of("/models/decay.pkml").toAbsolutePath(), "a".repeat(64));
  final AtomicInteger runs = new AtomicInteger();
  volatile Runnable beforeEachRun = () -> { };

  static LoadedModel model() {
    return new LoadedModel(REF, "Decay",
        List.of(
            new QuantityInfo("Organism|V", QuantityKind.PARAMETER, 1, "Volume", "l", false, false),
            new QuantityInfo("Organism|k", QuantityKind.PARAMETER, 1, "Inversed time", "1/min", false, false),
            new QuantityInfo("Organism|Dose", QuantityKind.PARAMETER, 1, "Amount", "µmol", false, false),
            new QuantityInfo("Organism|C", QuantityKind.OBSERVER, 1, "Concentration (molar)", "µmol/l", true, false)),
        List.of("Organism|C"), List.of(new OutputInterval(0, 10, 0.1)), SolverSettings.ospDefaults());
  }

  static double concentration(double v, double k, double dose, double t) {
    return dose / v * Math.exp(-k * t);
  }

  @Override
  public LoadedModel load(ModelRef model) {
    return model();
  }

  @Override
  public SimulationResult run(SimulationSpec spec, RunControl control) {
    runs.incrementAndGet();
    beforeEachRun.run();
    double v = 1;
    double k = 1;
    double dose = 1;
    for (ParameterOverride o : spec.overrides()) {
      switch (o.path()) {
        case "Organism|V" -> v = o.value();
        case "Organism|k" -> k = o.value();
        case "Organism|Dose" -> dose = o.value();
        default -> throw new IllegalStateException("unexpected override " + o.path());
      }
    }
    if (k < 0) {
      throw new InteropException("decay.pkml: the solver failed: k is negative");
    }
    double[] times = new double[11];
    double[] c = new double[11];
    for (int i = 0; i <= 10; i++) {
      control.checkpoint(i, 10);
      times[i] = i;
      c[i] = (float) concentration(v, k, dose, i);
    }
    return new SimulationResult(REF, times, List.of(new TimeSeries("Organism|C", "Concentration (molar)", c)),
        new RunStatistics(10, 10, 0, 0, 0, Duration.ZERO));
  }
}
