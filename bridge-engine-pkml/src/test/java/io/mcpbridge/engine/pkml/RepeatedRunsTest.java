package io.mcpbridge.engine.pkml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.engine.pkml.assembly.FormulaExpressionCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many runs of one model with different overrides, as populations and sensitivity analyses do:
 * each gives exactly what a fresh engine gives, and the file is read and hashed once while it is
 * unchanged, yet any change of the file is still refused.
 */
class RepeatedRunsTest {
  @TempDir
  Path dir;

  private static SimulationSpec spec(ModelRef ref, String path, double value) {
    return SimulationSpec.of(ref).withOverride(new ParameterOverride(path, value))
        .withPrecision(ResultPrecision.FULL);
  }

  private static void assertSameResult(SimulationResult actual, SimulationResult expected) {
    assertThat(actual.times()).containsExactly(expected.times());
    assertThat(actual.series()).hasSameSizeAs(expected.series());
    for (TimeSeries e : expected.series()) {
      assertThat(actual.series(e.path()).orElseThrow().values()).as(e.path()).containsExactly(e.values());
    }
    assertThat(actual.statistics().steps()).isEqualTo(expected.statistics().steps());
  }

  /**
   * A shared engine run with a sequence of override values (including 0, which removes the
   * elimination term from the system and so changes its structure, and back) equals a fresh engine
   * per run, to the bit.
   */
  @Test
  void runsWithChangingOverridesEqualFreshEngines() {
    PkmlSimulationEngine shared = EngineFixture.engine();
    for (String model : List.of("bateman.pkml", "infusion.pkml")) {
      ModelRef ref = SemanticsTest.resource(model);
      for (double ke : new double[] {0.02, 0.0, 0.05, 0.02, 0.3}) {
        SimulationResult reused = shared.run(spec(ref, "Organism|ke", ke), RunControl.unbounded());
        SimulationResult fresh = EngineFixture.engine().run(spec(ref, "Organism|ke", ke), RunControl.unbounded());
        assertSameResult(reused, fresh);
      }
    }
  }

  /** A file that has been quiet for a while is read once; later runs only look at its metadata. */
  @Test
  void settledFileIsReadOnceForManyRuns() throws Exception {
    Path file = copyOfBateman(Instant.now().minusSeconds(3600));
    ModelRef ref = EngineFixture.ref(file);
    PkmlSimulationEngine engine = engineClockedAhead();
    SimulationResult first = engine.run(spec(ref, "Organism|ke", 0.02), RunControl.unbounded());
    for (int i = 1; i <= 20; i++) {
      engine.run(spec(ref, "Organism|ke", 0.02 * i), RunControl.unbounded());
    }
    assertThat(engine.modelFileReads()).isEqualTo(1);
    assertSameResult(engine.run(spec(ref, "Organism|ke", 0.02), RunControl.unbounded()), first);
  }

  /** A settled file written again is read again, and refused when its bytes no longer match. */
  @Test
  void rewriteOfASettledFileIsSeen() throws Exception {
    Path file = copyOfBateman(Instant.now().minusSeconds(3600));
    ModelRef ref = EngineFixture.ref(file);
    PkmlSimulationEngine engine = engineClockedAhead();
    engine.run(SimulationSpec.of(ref), RunControl.unbounded());
    Files.writeString(file, Files.readString(file).replace("value=\"0.1\"", "value=\"0.2\""));
    assertThatThrownBy(() -> engine.run(SimulationSpec.of(ref), RunControl.unbounded()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("changed on disk");
    assertThat(engine.modelFileReads()).isEqualTo(2);
  }

  /**
   * A file written just now may be written again within the same tick of the file clock, keeping
   * size and times: it is re-read on every run, so an immediate same-size rewrite is refused.
   */
  @Test
  void freshlyWrittenFileIsReadEveryRunSoAQuickRewriteIsSeen() throws Exception {
    Path file = copyOfBateman(null);
    ModelRef ref = EngineFixture.ref(file);
    PkmlSimulationEngine engine = EngineFixture.engine();
    engine.run(SimulationSpec.of(ref), RunControl.unbounded());
    engine.run(SimulationSpec.of(ref), RunControl.unbounded());
    assertThat(engine.modelFileReads()).isEqualTo(2);
    String original = Files.readString(file);
    String changed = original.replace("value=\"0.1\"", "value=\"0.2\"");
    assertThat(changed).hasSameSizeAs(original).isNotEqualTo(original);
    Files.writeString(file, changed);
    assertThatThrownBy(() -> engine.run(SimulationSpec.of(ref), RunControl.unbounded()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("changed on disk");
  }

  private Path copyOfBateman(Instant modified) throws Exception {
    Path file = dir.resolve("bateman.pkml");
    Files.copy(SemanticsTest.resource("bateman.pkml").path(), file);
    assertThat(Files.readString(file)).contains("value=\"0.1\"");
    if (modified != null) {
      Files.setLastModifiedTime(file, FileTime.from(modified));
    }
    return file;
  }

  /** The status-change time of a file just set up is "now"; a clock 10 s ahead lets it count as settled. */
  private static PkmlSimulationEngine engineClockedAhead() {
    return new PkmlSimulationEngine(PkmlEngineSettings.DEFAULTS, new FormulaExpressionCompiler(),
        () -> System.currentTimeMillis() + 10_000);
  }
}
