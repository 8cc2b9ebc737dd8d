package io.mcpbridge.core.population;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a population run's files while it runs. Individuals arrive in any order and are written
 * in population order (a caller bounds how many may wait). Time series and PK rows go straight to
 * disk; what the statistics need stays in memory as 32-bit floats (4 bytes per individual, output
 * and time point — the results are 32-bit floats already) plus one double per PK value. Files are
 * written as {@code *.part} and renamed when the run completes, or deleted when it is abandoned.
 */
final class PopulationOutputs {
  /** One individual's outcome: a result or a failure. */
  record Outcome(SimulationResult result, IndividualFailure failure) {}

  private final PopulationRunRequest request;
  private final UnitCatalog units;
  private final PkParameterCalculator pk;
  private final List<String> outputs;
  private final List<String> dimensions;
  private final Path directory;
  private final Writer results;
  private final Writer pkRows;
  private final Map<Integer, Outcome> pending = new HashMap<>();
  private final List<IndividualFailure> failures = new ArrayList<>();
  private final Map<String, double[]> pkValues = new LinkedHashMap<>();
  private final Map<String, String> pkUnits = new HashMap<>();
  private final Runnable onWritten;
  private int next;
  private int succeeded;
  private double[] times;
  private float[][] columns;

  private PopulationOutputs(PopulationRunRequest request, UnitCatalog units, List<String> outputs,
      List<String> dimensions, Runnable onWritten) throws IOException {
    this.request = request;
    this.units = units;
    this.pk = new PkParameterCalculator(units);
    this.outputs = outputs;
    this.dimensions = dimensions;
    this.onWritten = onWritten;
    this.directory = request.directory();
    Files.createDirectories(directory);
    this.results = open(PopulationFiles.RESULTS);
    this.pkRows = open(PopulationFiles.PK);
    StringBuilder header = new StringBuilder("IndividualId,Time [min]");
    for (int o = 0; o < outputs.size(); o++) {
      header.append(',').append(CsvLine.quote(outputs.get(o) + " [" + unitOf(dimensions.get(o)) + "]"));
    }
    results.write(header.append('\n').toString());
    pkRows.write("IndividualId,QuantityPath,Parameter,Value,Unit\n");
  }

  /**
   * Opens the part files.
   *
   * @param outputs reported quantity paths, in the order of the results' series
   * @param dimensions their dimensions
   * @param onWritten called once per individual written, under this object's lock
   */
  static PopulationOutputs open(PopulationRunRequest request, UnitCatalog units, List<String> outputs,
      List<String> dimensions, Runnable onWritten) {
    try {
      return new PopulationOutputs(request, units, outputs, dimensions, onWritten);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accepts the outcome of the individual at {@code index} and writes every outcome now in order. */
  synchronized void accept(int index, Outcome outcome) {
    pending.put(index, outcome);
    try {
      for (Outcome o = pending.remove(next); o != null; o = pending.remove(next)) {
        write(next, o);
        next++;
        onWritten.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized int succeeded() {
    return succeeded;
  }

  synchronized List<IndividualFailure> failures() {
    return List.copyOf(failures);
  }

  private void write(int index, Outcome outcome) throws IOException {
    PopulationIndividual individual = request.population().individuals().get(index);
    SimulationResult r = outcome.result();
    if (outcome.failure() != null) {
      failures.add(outcome.failure());
      return;
    }
    if (times == null) {
      times = r.times();
      columns = new float[outputs.size() * times.length][request.population().size()];
    } else if (!Arrays.equals(times, r.times())) {
      failures.add(new IndividualFailure(individual.id(), "its output times differ from the other individuals'"));
      return;
    }
    StringBuilder row = new StringBuilder(64);
    for (int t = 0; t < times.length; t++) {
      row.setLength(0);
      row.append(individual.id()).append(',').append(Float.toString((float) times[t]));
      for (int o = 0; o < outputs.size(); o++) {
        double v = r.series().get(o).values()[t];
        row.append(',').append(Float.toString((float) v));
        columns[o * times.length + t][succeeded] = (float) v;
      }
      results.write(row.append('\n').toString());
    }
    for (TimeSeries s : r.series()) {
      for (PkParameterValue p : analyse(s)) {
        String key = s.path() + '\u0000' + p.name();
        double[] values = pkValues.computeIfAbsent(key, k -> nanFilled(request.population().size()));
        pkUnits.putIfAbsent(key, p.unit());
        double v = p.value() == null ? Double.NaN : p.value();
        values[succeeded] = v;
        pkRows.write(individual.id() + "," + CsvLine.quote(s.path()) + "," + CsvLine.quote(p.name()) + ","
            + Double.toString(v) + "," + CsvLine.quote(p.unit()) + "\n");
      }
    }
    succeeded++;
  }

  private List<PkParameterValue> analyse(TimeSeries s) {
    if (units.dimension(s.dimension()).isEmpty()) {
      return List.of();
    }
    try {
      PkAnalysis analysis = pk.calculate(times, s, request.pkOptions());
      return analysis.parameters();
    } catch (io.mcpbridge.core.error.InvalidInputException notAnalysable) {
      return List.of();
    }
  }

  /** Writes the statistics, the population and the failures, and renames every part file. */
  synchronized void finish() {
    try {
      results.close();
      pkRows.close();
      writeAggregates();
      writePkSummary();
      try (Writer w = open(PopulationFiles.POPULATION)) {
        Map<String, String> dims = new HashMap<>();
        request.model().quantities().forEach(q -> dims.put(q.path(), q.dimension()));
        new PopulationCsvWriter(units).write(request.population(), dims, w);
      }
      try (Writer w = open(PopulationFiles.FAILURES)) {
        w.write("IndividualId,Reason\n");
        for (IndividualFailure f : failures) {
          w.write(f.individualId() + "," + CsvLine.quote(f.reason().replace('\n', ' ')) + "\n");
        }
      }
      for (String name : PopulationFiles.ALL) {
        Files.move(part(name), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      discard();
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes every part file; the directory keeps only what earlier complete runs wrote. */
  synchronized void discard() {
    closeQuietly(results);
    closeQuietly(pkRows);
    for (String name : PopulationFiles.ALL) {
      try {
        Files.deleteIfExists(part(name));
      } catch (IOException ignored) {
        // best effort: a leftover part file is never read as a result
      }
    }
  }

  private void writeAggregates() throws IOException {
    try (Writer w = open(PopulationFiles.AGGREGATES)) {
      w.write("QuantityPath,Time [min],Unit," + statisticsHeader() + "\n");
      if (times == null) {
        return;
      }
      double[] sample = new double[succeeded];
      for (int o = 0; o < outputs.size(); o++) {
        String unit = unitOf(dimensions.get(o));
        for (int t = 0; t < times.length; t++) {
          float[] column = columns[o * times.length + t];
          for (int i = 0; i < succeeded; i++) {
            sample[i] = column[i];
          }
          w.write(CsvLine.quote(outputs.get(o)) + "," + Float.toString((float) times[t]) + ","
              + CsvLine.quote(unit) + "," + statistics(SampleStatistics.of(sample, request.percentiles())) + "\n");
        }
      }
    }
  }

  private void writePkSummary() throws IOException {
    try (Writer w = open(PopulationFiles.PK_SUMMARY)) {
      w.write("QuantityPath,Parameter,Unit," + statisticsHeader() + "\n");
      for (Map.Entry<String, double[]> e : pkValues.entrySet()) {
        String[] key = e.getKey().split("\u0000", 2);
        double[] sample = Arrays.copyOf(e.getValue(), succeeded);
        w.write(CsvLine.quote(key[0]) + "," + CsvLine.quote(key[1]) + "," + CsvLine.quote(pkUnits.get(e.getKey()))
            + "," + statistics(SampleStatistics.of(sample, request.percentiles())) + "\n");
      }
    }
  }

  private String statisticsHeader() {
    StringBuilder h = new StringBuilder("N,Mean,SD,GeoMean,GeoSD,Min,Max");
    for (double p : request.percentiles()) {
      h.append(",P").append(percentLabel(p));
    }
    return h.toString();
  }

  /** {@code 5} for 0.05, {@code 2.5} for 0.025. */
  static String percentLabel(double p) {
    String s = String.format(Locale.ROOT, "%.6f", p * 100).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String statistics(SampleStatistics s) {
    StringBuilder b = new StringBuilder();
    b.append(s.n()).append(',').append(s.mean()).append(',').append(s.sd()).append(',').append(s.geoMean())
        .append(',').append(s.geoSd()).append(',').append(s.min()).append(',').append(s.max());
    for (double q : s.percentiles()) {
      b.append(',').append(q);
    }
    return b.toString();
  }

  private String unitOf(String dimension) {
    return units.dimension(dimension).map(Dimension::baseUnit).map(u -> u.name()).orElse("");
  }

  private Writer open(String name) throws IOException {
    return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(part(name)), StandardCharsets.UTF_8),
        1 << 16);
  }

  private Path part(String name) {
    return directory.resolve(name + ".part");
  }

  private static double[] nanFilled(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static void closeQuietly(Writer w) {
    try {
      w.close();
    } catch (IOException ignored) {
      // already failing; the part file is deleted next
    }
  }
}
