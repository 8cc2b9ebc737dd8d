package io.mcpbridge.cli;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.service.plot.PopulationBandCharts;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bridge population run --plot}: the percentile bands (5th–95th, 25th–75th, median) of one
 * output over the individuals that succeeded, read back from the run's {@code results.csv} one
 * column at a time. Time is drawn in hours (as OSP's plots), values in the file's base unit.
 */
final class PopulationBandsPlot {
  private static final double MINUTES_PER_HOUR = 60;

  private final PlotFile file;
  private final String output;
  private final int column;
  private final String dimension;
  private final boolean log;
  private final boolean individuals;

  private PopulationBandsPlot(PlotFile file, String output, int column, String dimension, boolean log,
      boolean individuals) {
    this.file = file;
    this.output = output;
    this.column = column;
    this.dimension = dimension;
    this.log = log;
    this.individuals = individuals;
  }

  /**
   * Checks the options before the run.
   *
   * @param output the output to draw; empty means the model's first output
   * @param log a logarithmic value axis
   * @param individuals also draw every individual's curve (up to {@link PopulationBandCharts#MAX_INDIVIDUAL_CURVES})
   * @throws NotFoundException if the output is not one the run reports
   */
  static PopulationBandsPlot of(PlotFile file, Optional<String> output, boolean log, boolean individuals,
      LoadedModel model) {
    List<String> outputs = model.outputPaths();
    if (outputs.isEmpty()) {
      throw new InvalidInputException(model.name() + " selects no outputs; there is nothing to plot");
    }
    String chosen = output.orElse(outputs.get(0));
    int index = outputs.indexOf(chosen);
    if (index < 0) {
      throw new NotFoundException("--plot-output '" + chosen + "' is not an output of " + model.name() + " " + outputs);
    }
    String dimension = model.quantity(chosen).map(q -> q.dimension()).filter(d -> !d.isBlank()).orElse("Value");
    // results.csv columns: IndividualId, Time [min], then the outputs in the model's order.
    return new PopulationBandsPlot(file, chosen, 2 + index, dimension, log, individuals);
  }

  /**
   * Reads the output's column of {@code results.csv} and writes the chart.
   *
   * @param results the run's results.csv
   * @param title headline naming model and population
   * @return the number of individuals drawn
   */
  int write(Path results, String title) {
    Series series = read(results);
    String subtitle = output + " · 5th–95th and 25th–75th percentiles and median (R type 7) of "
        + series.values().size() + " individuals";
    XyChart chart = PopulationBandCharts.chart(title, subtitle, new Axis("Time", "h", AxisScale.LINEAR),
        new Axis(dimension, series.unit(), log ? AxisScale.LOG : AxisScale.LINEAR), output, series.hours(),
        series.values(), individuals);
    file.write(chart);
    return series.values().size();
  }

  private record Series(String unit, double[] hours, List<double[]> values) {}

  private Series read(Path results) {
    try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new InvalidInputException(results + " is empty");
      }
      String unit = unitOf(CsvLine.split(CsvLine.withoutBom(header), ',', results + " line 1").get(column));
      List<Double> times = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      List<Double> current = new ArrayList<>();
      String currentId = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        // Data rows are numbers only (never quoted): id, time, values.
        String[] cells = line.split(",", -1);
        if (!cells[0].equals(currentId)) {
          if (currentId != null) {
            values.add(individual(current, times.size(), currentId));
          }
          currentId = cells[0];
          current.clear();
        }
        if (values.isEmpty()) {
          times.add(Double.parseDouble(cells[1]));
        }
        current.add(Double.parseDouble(cells[column]));
      }
      if (currentId == null) {
        throw new InvalidInputException("no individual succeeded; there is nothing to plot");
      }
      values.add(individual(current, times.size(), currentId));
      double[] hours = new double[times.size()];
      for (int t = 0; t < hours.length; t++) {
        hours[t] = times.get(t) / MINUTES_PER_HOUR;
      }
      return new Series(unit, hours, values);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read " + results + " (" + e.getMessage() + ")", e);
    }
  }

  /** One individual's values; every individual of a run has the same output times. */
  private static double[] individual(List<Double> values, int times, String id) {
    if (values.size() != times) {
      throw new IllegalStateException("results.csv: individual " + id + " has " + values.size() + " rows, not " + times);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The unit of a {@code path [unit]} column name; empty if it has none. */
  private static String unitOf(String columnName) {
    int open = columnName.lastIndexOf(" [");
    return open >= 0 && columnName.endsWith("]") ? columnName.substring(open + 2, columnName.length() - 1) : "";
  }
}
