package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.units.UnitCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Population chunks: slices and chunk outputs cross the wire exactly; gathered chunks write the runner's files. */
class PopulationChunkTest {
  @TempDir Path dir;
  private final DecayEngine engine = new DecayEngine();

  /** Ids 10, 11, …; V = 1 + i/10 (with a value that has no short decimal form), k = 0.1 + i/100, individual 3 fails. */
  private static Population population(int n) {
    List<PopulationIndividual> individuals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      individuals.add(new PopulationIndividual(10 + i, List.of("MALE"),
          new double[] {1 + i / 10.0 + Math.ulp(1.0), i == 3 ? -1 : 0.1 + i / 100.0}));
    }
    return new Population(List.of("Organism|V", "Organism|k"), List.of("Gender"), individuals);
  }

  private PopulationRunRequest request(Population population, Path directory) {
    return new PopulationRunRequest(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population, directory,
        PkOptions.defaults(), PopulationRunRequest.DEFAULT_PERCENTILES);
  }

  @Test
  void aSliceCrossesAsJsonWithEveryValueBitForBit() {
    PopulationSlice slice = PopulationSlice.of(population(9), 4, 9);

    PopulationSlice back = PopulationSlice.fromJson(slice.toJson());

    assertThat(back.first()).isEqualTo(4);
    assertThat(back.ids()).containsExactly(14, 15, 16, 17, 18);
    assertThat(back.paths()).isEqualTo(slice.paths());
    for (int k = 0; k < slice.size(); k++) {
      assertThat(Arrays.stream(back.values()[k]).mapToLong(Double::doubleToRawLongBits).toArray())
          .containsExactly(Arrays.stream(slice.values()[k]).mapToLong(Double::doubleToRawLongBits).toArray());
    }
    assertThatThrownBy(() -> PopulationSlice.fromJson(slice.toJson().replace("\"first\"", "\"start\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
    assertThatThrownBy(() -> PopulationSlice.fromJson("{\"first\":0,\"ids\":[1],\"paths\":[\"A\"],\"values\":[[1,2]]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one value per path");
  }

  @Test
  void chunksRunOnWorkersAndGatheredInOrderWriteTheFilesOfTheThreadRunner() throws Exception {
    Population population = population(23);
    new PopulationRunner(engine, UnitCatalog.standard(), 2).run(request(population, dir.resolve("threads")),
        RunControl.unbounded());
    PopulationRunner.Plan plan = PopulationRunner.plan(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population);
    List<byte[]> outputs = new ArrayList<>();
    PopulationChunkRunner worker = new PopulationChunkRunner(engine);
    for (int from = 0; from < 23; from += 10) {
      outputs.add(worker.run(plan.base(), PopulationSlice.fromJson(PopulationSlice.of(population, from,
          Math.min(23, from + 10)).toJson()), RunControl.unbounded()).encode());
    }

    PopulationRunSummary summary = new PopulationGatherer(UnitCatalog.standard()).gather(
        request(population, dir.resolve("chunks")), outputs.size(), i -> PopulationChunkResult.decode(outputs.get(i)));

    assertThat(summary.succeeded()).isEqualTo(22);
    assertThat(summary.failures()).extracting(IndividualFailure::individualId).containsExactly(13);
    for (String file : PopulationFiles.ALL) {
      assertThat(Files.readAllBytes(dir.resolve("chunks").resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(dir.resolve("threads").resolve(file)));
    }
  }

  @Test
  void gatheringRefusesChunksThatMissOrRepeatIndividuals_andPublishesNothing() {
    Population population = population(6);
    PopulationRunner.Plan plan = PopulationRunner.plan(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population);
    byte[] first = new PopulationChunkRunner(engine).run(plan.base(), PopulationSlice.of(population, 0, 3),
        RunControl.unbounded()).encode();
    PopulationGatherer gatherer = new PopulationGatherer(UnitCatalog.standard());

    assertThatThrownBy(() -> gatherer.gather(request(population, dir), 2, i -> PopulationChunkResult.decode(first)))
        .hasMessageContaining("not an outstanding individual");
    assertThatThrownBy(() -> gatherer.gather(request(population, dir), 1, i -> PopulationChunkResult.decode(first)))
        .hasMessageContaining("3 of 6 individuals");
    assertThat(dir.resolve(PopulationFiles.RESULTS)).doesNotExist();
  }

  @Test
  void aChunkOutputIsCompactAndRefusesCorruptBytes() {
    Population population = population(10);
    PopulationRunner.Plan plan = PopulationRunner.plan(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population);
    PopulationChunkResult result = new PopulationChunkRunner(engine).run(plan.base(), PopulationSlice.of(population, 0, 10),
        RunControl.unbounded());
    byte[] wire = result.encode();

    PopulationChunkResult back = PopulationChunkResult.decode(wire);

    // 4 bytes a value, the times once: 9 × 11 + 11 floats, ~10 bytes per individual, the failure's reason
    assertThat(wire.length).isLessThan(9 * 11 * 4 + 11 * 4 + 10 * 10 + 300).isGreaterThan(9 * 11 * 4 + 11 * 4);
    assertThat(back.individuals()).hasSize(10);
    assertThat(back.individuals().get(3).failure()).contains("k is negative");
    assertThat(back.individuals().get(5).series().get(0)).containsExactly(result.individuals().get(5).series().get(0));
    assertThat(back.individuals().get(9).times()).containsExactly(result.individuals().get(9).times());
    assertThatThrownBy(() -> PopulationChunkResult.decode(Arrays.copyOf(wire, wire.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] huge = wire.clone();
    huge[4] = 0x7f; // output count
    assertThatThrownBy(() -> PopulationChunkResult.decode(huge)).hasMessageContaining("corrupt length");
  }

  @Test
  void aChunkStopsWhenCancelledAndReportsIndividualsDone() {
    Population population = population(10);
    PopulationRunner.Plan plan = PopulationRunner.plan(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population);
    AtomicInteger done = new AtomicInteger();
    RunControl control = new RunControl(() -> done.get() >= 4, Optional.empty(), (d, total) -> {
      assertThat(total).isEqualTo(10.0);
      done.set((int) d);
    }, Clock.systemUTC());

    assertThatThrownBy(() -> new PopulationChunkRunner(engine).run(plan.base(), PopulationSlice.of(population, 0, 10), control))
        .isInstanceOf(RunCancelledException.class);
    assertThat(done.get()).isEqualTo(4);
  }
}
