package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationRunnerTest {
  @TempDir Path dir;
  private final DecayEngine engine = new DecayEngine();

  /** Individuals with ids 10, 11, … and V = 1 + i/10, k = 0.1 + i/100. */
  private static Population population(int n) {
    List<PopulationIndividual> individuals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      individuals.add(new PopulationIndividual(10 + i, List.of(i % 2 == 0 ? "MALE" : "FEMALE"),
          new double[] {1 + i / 10.0, 0.1 + i / 100.0}));
    }
    return new Population(List.of("Organism|V", "Organism|k"), List.of("Gender"), individuals);
  }

  private PopulationRunRequest request(Population population) {
    return new PopulationRunRequest(DecayEngine.model(), SimulationSpec.of(DecayEngine.REF), population, dir,
        PkOptions.defaults(), PopulationRunRequest.DEFAULT_PERCENTILES);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }

  @Test
  void everyIndividualIsWrittenInPopulationOrderWithItsOwnValues() throws IOException {
    List<Double> progress = new CopyOnWriteArrayList<>();
    RunControl control = new RunControl(() -> false, Optional.empty(), (done, total) -> progress.add(done / total),
        Clock.systemUTC());
    PopulationRunSummary summary = new PopulationRunner(engine, UnitCatalog.standard(), 3).run(request(population(40)), control);

    assertThat(summary.succeeded()).isEqualTo(40);
    assertThat(summary.failures()).isEmpty();
    assertThat(progress).hasSize(40).endsWith(1.0).isSorted();
    List<String> rows = lines(dir.resolve(PopulationFiles.RESULTS));
    assertThat(rows.get(0)).isEqualTo("IndividualId,Time [min],Organism|C [µmol/l]");
    assertThat(rows).hasSize(1 + 40 * 11);
    for (int i = 0; i < 40; i++) {
      for (int t = 0; t <= 10; t++) {
        String[] f = rows.get(1 + i * 11 + t).split(",");
        assertThat(Integer.parseInt(f[0])).isEqualTo(10 + i);
        assertThat(Float.parseFloat(f[1])).isEqualTo((float) t);
        assertThat(Float.parseFloat(f[2])).isEqualTo((float) DecayEngine.concentration(1 + i / 10.0, 0.1 + i / 100.0, 1, t));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(PopulationFiles.ALL);
    }
  }

  @Test
  void aggregatesAndPkSummaryEqualAnIndependentComputation() throws IOException {
    Population population = population(25);
    new PopulationRunner(engine, UnitCatalog.standard(), 2).run(request(population), RunControl.unbounded());

    List<String> aggregates = lines(dir.resolve(PopulationFiles.AGGREGATES));
    assertThat(aggregates.get(0)).isEqualTo("QuantityPath,Time [min],Unit,N,Mean,SD,GeoMean,GeoSD,Min,Max,P5,P25,P50,P75,P95");
    String[] at3 = aggregates.get(1 + 3).split(",");
    assertThat(at3[0]).isEqualTo("Organism|C");
    assertThat(Float.parseFloat(at3[1])).isEqualTo(3f);
    double[] values = new double[25];
    for (int i = 0; i < 25; i++) {
      values[i] = (float) DecayEngine.concentration(1 + i / 10.0, 0.1 + i / 100.0, 1, 3);
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double mean = java.util.Arrays.stream(values).sum() / 25;
    assertThat(Integer.parseInt(at3[3])).isEqualTo(25);
    assertThat(Double.parseDouble(at3[4])).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(Double.parseDouble(at3[8])).isEqualTo(sorted[0]);
    assertThat(Double.parseDouble(at3[9])).isEqualTo(sorted[24]);
    // type 7 with n = 25: h = 24·p, so P25 and P50 and P75 are order statistics 7, 13 and 19 (1-based)
    assertThat(Double.parseDouble(at3[11])).isEqualTo(sorted[6]);
    assertThat(Double.parseDouble(at3[12])).isEqualTo(sorted[12]);
    assertThat(Double.parseDouble(at3[13])).isEqualTo(sorted[18]);
    // P5: h = 1.2 → x2 + 0.2·(x3 − x2)
    assertThat(Double.parseDouble(at3[10])).isEqualTo(sorted[1] + 0.2 * (sorted[2] - sorted[1]));

    List<String> pk = lines(dir.resolve(PopulationFiles.PK));
    assertThat(pk.get(0)).isEqualTo("IndividualId,QuantityPath,Parameter,Value,Unit");
    assertThat(pk).anySatisfy(l -> assertThat(l).startsWith("10,Organism|C,C_max,1.0,µmol/l"));
    List<String> summary = lines(dir.resolve(PopulationFiles.PK_SUMMARY));
    String cmax = summary.stream().filter(l -> l.startsWith("Organism|C,C_max,")).findFirst().orElseThrow();
    double[] cmaxValues = new double[25];
    for (int i = 0; i < 25; i++) {
      cmaxValues[i] = (float) (1 / (1 + i / 10.0));
    }
    assertThat(Double.parseDouble(cmax.split(",")[4]))
        .isCloseTo(java.util.Arrays.stream(cmaxValues).sum() / 25, org.assertj.core.api.Assertions.within(1e-12));

    Population exported = new PopulationCsvReader(UnitCatalog.standard(), PopulationCsvReader.Options.defaults())
        .read(dir.resolve(PopulationFiles.POPULATION), DecayEngine.model()).population();
    assertThat(exported.individuals().get(24).values()).isEqualTo(population.individuals().get(24).values());
    assertThat(exported.individuals().get(3).covariates()).containsExactly("FEMALE");
  }

  @Test
  void aFailingIndividualIsReportedWhileTheOthersComplete() throws IOException {
    List<PopulationIndividual> individuals = new ArrayList<>(population(6).individuals());
    individuals.set(2, new PopulationIndividual(12, List.of("MALE"), new double[] {1, -0.5}));
    Population population = new Population(List.of("Organism|V", "Organism|k"), List.of("Gender"), individuals);

    PopulationRunSummary summary = new PopulationRunner(engine, UnitCatalog.standard(), 2)
        .run(request(population), RunControl.unbounded());

    assertThat(summary.succeeded()).isEqualTo(5);
    assertThat(summary.failures()).singleElement().satisfies(f -> {
      assertThat(f.individualId()).isEqualTo(12);
      assertThat(f.reason()).contains("k is negative");
    });
    assertThat(lines(dir.resolve(PopulationFiles.FAILURES)))
        .containsExactly("IndividualId,Reason", "12,decay.pkml: the solver failed: k is negative");
    assertThat(lines(dir.resolve(PopulationFiles.RESULTS))).hasSize(1 + 5 * 11)
        .noneMatch(l -> l.startsWith("12,"));
    assertThat(lines(dir.resolve(PopulationFiles.AGGREGATES)).get(1)).contains(",5,");
  }

  @Test
  void cancellationStopsTheRunAndLeavesNoFiles() throws IOException {
    AtomicBoolean cancel = new AtomicBoolean();
    engine.beforeEachRun = () -> {
      if (engine.runs.get() == 30) {
        cancel.set(true);
      }
    };
    RunControl control = new RunControl(cancel::get, Optional.empty(), (d, t) -> { }, Clock.systemUTC());
    assertThatThrownBy(() -> new PopulationRunner(engine, UnitCatalog.standard(), 2).run(request(population(500)), control))
        .isInstanceOf(RunCancelledException.class);
    assertThat(engine.runs.get()).isLessThan(60);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aPassedDeadlineStopsTheRun() {
    Clock late = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    RunControl control = new RunControl(() -> false, Optional.of(Instant.parse("2029-12-31T23:00:00Z")), (d, t) -> { }, late);
    assertThatThrownBy(() -> new PopulationRunner(engine, UnitCatalog.standard(), 2).run(request(population(10)), control))
        .isInstanceOf(TimeoutException.class).hasMessageContaining("deadline");
    assertThat(engine.runs.get()).isZero();
  }

  @Test
  void pathsOutsideTheModelAreRefusedBeforeAnythingRuns() throws IOException {
    Population wrong = new Population(List.of("Organism|Nope"), List.of(),
        List.of(new PopulationIndividual(0, List.of(), new double[] {1})));
    assertThatThrownBy(() -> new PopulationRunner(engine, UnitCatalog.standard(), 2).run(request(wrong), RunControl.unbounded()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Organism|Nope");
    assertThat(engine.runs.get()).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
