package io.mcpbridge.core.population;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Population jobs on disk under {@code POPULATION_STORAGE_PATH}: one directory per job with the
 * individuals ({@code input.csv}, the population file layout), the settings ({@code job.properties})
 * and, once run, the result files in {@code results/}. A job directory appears complete or not at all
 * (written under a temporary name, then renamed), so a worker never sees half a request.
 */
public final class PopulationJobStore {
  private static final String INPUT = "input.csv";
  private static final String SETTINGS = "job.properties";
  private static final String RESULTS = "results";
  private static final String CHUNKS = "chunks";

  private final Path root;
  private final UnitCatalog units;

  public PopulationJobStore(Path root, UnitCatalog units) {
    this.root = Objects.requireNonNull(root, "root");
    this.units = Objects.requireNonNull(units, "units");
  }

  /** Stores a job's individuals and settings before the job is queued. */
  public void save(JobId job, Population population, PopulationJobSettings settings, LoadedModel model) {
    Path target = directory(job);
    Path temporary = root.resolve(".incoming-" + job.value());
    try {
      Files.createDirectories(temporary);
      Map<String, String> dimensions = new HashMap<>();
      model.quantities().forEach(q -> dimensions.put(q.path(), q.dimension()));
      try (Writer w = Files.newBufferedWriter(temporary.resolve(INPUT), StandardCharsets.UTF_8)) {
        new PopulationCsvWriter(units).write(population, dimensions, w);
      }
      Properties p = new Properties();
      p.setProperty("percentiles", String.join(",", settings.percentiles().stream().map(String::valueOf).toList()));
      settings.dosePerBodyWeight().ifPresent(d -> p.setProperty("dosePerBodyWeight", Double.toString(d)));
      settings.infusionTime().ifPresent(t -> p.setProperty("infusionTime", Double.toString(t)));
      try (Writer w = Files.newBufferedWriter(temporary.resolve(SETTINGS), StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteTree(temporary);
      throw new BackendUnavailableException("cannot store the population job under " + root + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** The settings of a population job, or empty if {@code job} is not one. */
  public Optional<PopulationJobSettings> settings(JobId job) {
    Path file = directory(job).resolve(SETTINGS);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read population job " + job + " (" + e.getMessage() + ")", e);
    }
    String percentiles = p.getProperty("percentiles", "");
    List<Double> probabilities = percentiles.isEmpty() ? List.of()
        : Arrays.stream(percentiles.split(",")).map(Double::valueOf).toList();
    return Optional.of(new PopulationJobSettings(probabilities,
        Optional.ofNullable(p.getProperty("dosePerBodyWeight")).map(Double::valueOf),
        Optional.ofNullable(p.getProperty("infusionTime")).map(Double::valueOf)));
  }

  /** The individuals of a stored job. */
  public Population population(JobId job, LoadedModel model) {
    return new PopulationCsvReader(units, PopulationCsvReader.Options.defaults())
        .read(directory(job).resolve(INPUT), model).population();
  }

  /** Where the job's result files are written. */
  public Path resultsDirectory(JobId job) {
    return directory(job).resolve(RESULTS);
  }

  /**
   * Keeps the output of chunk {@code index} of an attempt (queue backend: what a worker reported,
   * until every chunk is in). Written under a temporary name and renamed; a chunk already kept is
   * left as it is, so a report delivered twice is stored once.
   */
  public void saveChunk(JobId job, int attempt, int index, byte[] output) {
    Path dir = chunkDirectory(job, attempt);
    Path target = dir.resolve(index + ".chunk");
    if (Files.exists(target)) {
      return;
    }
    Path temporary = dir.resolve(index + ".chunk.tmp");
    try {
      Files.createDirectories(dir);
      Files.write(temporary, output);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot keep chunk " + index + " of population job " + job + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** How many of the chunks [0, count) of an attempt are kept. */
  public int chunksKept(JobId job, int attempt, int count) {
    Path dir = chunkDirectory(job, attempt);
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (Files.isRegularFile(dir.resolve(i + ".chunk"))) {
        kept++;
      }
    }
    return kept;
  }

  /** The kept output of a chunk. */
  public byte[] chunk(JobId job, int attempt, int index) {
    try {
      return Files.readAllBytes(chunkDirectory(job, attempt).resolve(index + ".chunk"));
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read chunk " + index + " of population job " + job + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Removes every kept chunk of a job (once its results are published or it ended). */
  public void deleteChunks(JobId job) {
    deleteTree(directory(job).resolve(CHUNKS));
  }

  private Path chunkDirectory(JobId job, int attempt) {
    return directory(job).resolve(CHUNKS).resolve("attempt-" + attempt);
  }

  /** Removes a job's files. */
  public void delete(JobId job) {
    deleteTree(directory(job));
  }

  /**
   * Removes job directories last changed before {@code cutoff} (POPULATION_RETENTION_SECONDS).
   *
   * @return how many were removed
   */
  public int purgeOlderThan(Instant cutoff) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> jobs = Files.list(root)) {
      for (Path dir : jobs.toList()) {
        if (Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)) {
          deleteTree(dir);
          removed++;
        }
      }
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot list " + root + " (" + e.getMessage() + ")", e);
    }
    return removed;
  }

  private Path directory(JobId job) {
    return root.resolve(job.value());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
