package io.mcpbridge.core.population;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** Reads back the files of a finished population run, for paging and summaries. */
public final class PopulationResultFiles {
  /**
   * One row of aggregates.csv or pk-summary.csv.
   *
   * @param path quantity path
   * @param key the time (min) for aggregates, the PK parameter name for PK summaries
   * @param unit unit of the values
   * @param statistics N, Mean, SD, GeoMean, GeoSD, Min, Max and the percentiles by column name; undefined (NaN)
   *     values are left out
   */
  public record StatisticsRow(String path, String key, String unit, Map<String, Double> statistics) {}

  /**
   * One individual of population.csv.
   *
   * @param id its IndividualId
   * @param values covariates (text) and parameter values (base units, as text) by column name
   */
  public record IndividualRow(int id, Map<String, String> values) {}

  private final Path directory;

  /** @param directory the run's directory (see {@link PopulationFiles}) */
  public PopulationResultFiles(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** True once the run completed and its files were published. */
  public boolean complete() {
    return PopulationFiles.ALL.stream().allMatch(f -> Files.isRegularFile(directory.resolve(f)));
  }

  /** Rows of aggregates.csv, only of {@code paths} if given. */
  public List<StatisticsRow> aggregates(Set<String> paths) {
    return statistics(PopulationFiles.AGGREGATES, row -> paths.isEmpty() || paths.contains(row));
  }

  /** Rows of pk-summary.csv, only of {@code paths} if given. */
  public List<StatisticsRow> pkSummary(Set<String> paths) {
    return statistics(PopulationFiles.PK_SUMMARY, row -> paths.isEmpty() || paths.contains(row));
  }

  /** The failures of failures.csv. */
  public List<IndividualFailure> failures() {
    List<IndividualFailure> out = new ArrayList<>();
    for (List<String> row : rows(PopulationFiles.FAILURES, 0, Integer.MAX_VALUE).rows()) {
      out.add(new IndividualFailure(Integer.parseInt(row.get(0)), row.get(1)));
    }
    return out;
  }

  /** Individuals {@code offset} … {@code offset + limit − 1} of population.csv, and the total. */
  public Page individuals(int offset, int limit) {
    Table table = rows(PopulationFiles.POPULATION, offset, limit);
    List<IndividualRow> out = new ArrayList<>();
    for (List<String> row : table.rows()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 1; c < row.size(); c++) {
        values.put(table.header().get(c), row.get(c));
      }
      out.add(new IndividualRow(Integer.parseInt(row.get(0)), values));
    }
    return new Page(out, table.total());
  }

  /**
   * A page of individuals.
   *
   * @param individuals the page
   * @param total individuals in the file
   */
  public record Page(List<IndividualRow> individuals, int total) {}

  /** Size in bytes of each published file. */
  public Map<String, Long> sizes() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String f : PopulationFiles.ALL) {
      try {
        out.put(f, Files.size(directory.resolve(f)));
      } catch (IOException e) {
        throw unavailable(f, e);
      }
    }
    return out;
  }

  private List<StatisticsRow> statistics(String file, Predicate<String> pathFilter) {
    Table table = rows(file, 0, Integer.MAX_VALUE);
    List<StatisticsRow> out = new ArrayList<>();
    for (List<String> row : table.rows()) {
      if (!pathFilter.test(row.get(0))) {
        continue;
      }
      Map<String, Double> stats = new LinkedHashMap<>();
      for (int c = 3; c < row.size(); c++) {
        double v = Double.parseDouble(row.get(c));
        if (Double.isFinite(v)) {
          stats.put(table.header().get(c), v);
        }
      }
      out.add(new StatisticsRow(row.get(0), row.get(1), row.get(2), stats));
    }
    return out;
  }

  private record Table(List<String> header, List<List<String>> rows, int total) {}

  private Table rows(String file, int offset, int limit) {
    Path path = directory.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new NotFoundException("the population run has no " + file + " (not finished, or removed after its retention)");
    }
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String headerLine = r.readLine();
      List<String> header = CsvLine.splitTrimmed(headerLine, ',', file + " line 1");
      List<List<String>> rows = new ArrayList<>();
      int index = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (index >= offset && rows.size() < limit) {
          rows.add(CsvLine.splitTrimmed(line, ',', file + " line " + (index + 2)));
        }
        index++;
      }
      return new Table(header, rows, index);
    } catch (IOException e) {
      throw unavailable(file, e);
    }
  }

  private BackendUnavailableException unavailable(String file, IOException e) {
    return new BackendUnavailableException("cannot read " + file + " of the population run (" + e.getMessage() + ")", e);
  }
}
