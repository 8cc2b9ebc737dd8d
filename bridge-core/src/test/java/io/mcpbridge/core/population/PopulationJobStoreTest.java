package io.mcpbridge.core.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationJobStoreTest {
  @TempDir Path root;
  private PopulationJobStore store;

  @BeforeEach
  void open() {
    store = new PopulationJobStore(root, UnitCatalog.standard());
  }

  private static Population population() {
    return new Population(List.of("Organism|V", "Organism|k"), List.of("Gender"), List.of(
        new PopulationIndividual(3, List.of("MALE"), new double[] {1.5, 0.1 / 3}),
        new PopulationIndividual(9, List.of("FEMALE"), new double[] {2.5, 0.2})));
  }

  @Test
  void aSavedJobReadsBackWithItsIndividualsAndSettings() {
    JobId job = new JobId("job-1");
    assertThat(store.settings(job)).isEmpty();
    PopulationJobSettings settings = new PopulationJobSettings(List.of(0.1, 0.9), Optional.of(2.5), Optional.empty());
    store.save(job, population(), settings, DecayEngine.model());

    assertThat(store.settings(job)).contains(settings);
    Population back = store.population(job, DecayEngine.model());
    assertThat(back.parameterPaths()).isEqualTo(population().parameterPaths());
    assertThat(back.individuals().get(0).values()).isEqualTo(population().individuals().get(0).values());
    assertThat(back.individuals().get(1).covariates()).containsExactly("FEMALE");
    assertThat(store.resultsDirectory(job)).isEqualTo(root.resolve("job-1").resolve("results"));
  }

  @Test
  void retentionRemovesOldJobsOnlyAndDeleteRemovesOne() throws IOException {
    JobId old = new JobId("old");
    JobId fresh = new JobId("fresh");
    PopulationJobSettings settings = new PopulationJobSettings(List.of(0.5), Optional.empty(), Optional.empty());
    store.save(old, population(), settings, DecayEngine.model());
    store.save(fresh, population(), settings, DecayEngine.model());
    Files.setLastModifiedTime(root.resolve("old"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    assertThat(store.purgeOlderThan(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo(1);
    assertThat(store.settings(old)).isEmpty();
    assertThat(store.settings(fresh)).isPresent();
    store.delete(fresh);
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }
}
