package io.mcpbridge.engine.pkml;

import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers shared by engine tests. */
public final class EngineFixture {
  private EngineFixture() {}

  public static PkmlSimulationEngine engine() {
    return new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS);
  }

  public static ModelRef ref(Path file) {
    try {
      return new ModelRef(file.toAbsolutePath(), PkmlSimulationEngine.sha256(Files.readAllBytes(file)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Linear trapezoid AUC as OSP Core computes it over the output points. */
  public static double auc(double[] t, TimeSeries s) {
    double sum = 0;
    for (int i = 1; i < t.length; i++) {
      sum += 0.5 * (t[i] - t[i - 1]) * (s.values()[i] + s.values()[i - 1]);
    }
    return sum;
  }

  public static double max(TimeSeries s) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : s.values()) {
      m = Math.max(m, v);
    }
    return m;
  }

  public static double argMax(double[] t, TimeSeries s) {
    double m = Double.NEGATIVE_INFINITY;
    double at = Double.NaN;
    for (int i = 0; i < t.length; i++) {
      if (s.values()[i] > m) {
        m = s.values()[i];
        at = t[i];
      }
    }
    return at;
  }
}
