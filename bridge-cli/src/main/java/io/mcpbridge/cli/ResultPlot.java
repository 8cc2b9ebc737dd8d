package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.service.plot.ObservedDataCsv;
import io.mcpbridge.core.service.plot.TimeProfileCharts;
import io.mcpbridge.core.units.UnitCatalog;
import io.mcpbridge.plot.jfreechart.JFreeChartPlotRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code bridge run --plot}: the time profile of the run written as PNG or SVG. Options are checked
 * before the run, so a bad file name or observed-data file fails fast and writes nothing.
 */
final class ResultPlot {
  private static final long MAX_OBSERVED_BYTES = 10L * 1024 * 1024;
  private final Path file;
  private final ImageFormat format;
  private final List<String> outputs;
  private final AxisScale scale;
  private final Optional<String> observedCsv;
  private final Optional<Path> observedFile;
  private final UnitCatalog units;

  private ResultPlot(Path file, ImageFormat format, List<String> outputs, AxisScale scale, Optional<String> observedCsv,
      Optional<Path> observedFile, UnitCatalog units) {
    this.file = file;
    this.format = format;
    this.outputs = outputs;
    this.scale = scale;
    this.observedCsv = observedCsv;
    this.observedFile = observedFile;
    this.units = units;
  }

  /**
   * Checks the options: the file's extension names the format, its folder exists, the observed
   * file (if any) is readable and not too large.
   */
  static ResultPlot of(Path file, List<String> outputs, boolean log, Optional<Path> observed, UnitCatalog units) {
    ImageFormat format = ImageFormat.ofFileName(file.getFileName().toString());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InvalidInputException("--plot " + file + ": folder " + parent + " does not exist");
    }
    Optional<String> csv = Optional.empty();
    if (observed.isPresent()) {
      Path p = observed.get();
      try {
        if (!Files.isRegularFile(p)) {
          throw new InvalidInputException("--observed " + p + ": no such file");
        }
        if (Files.size(p) > MAX_OBSERVED_BYTES) {
          throw new InvalidInputException("--observed " + p + ": larger than " + MAX_OBSERVED_BYTES + " bytes");
        }
        csv = Optional.of(Files.readString(p, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new BackendUnavailableException("--observed " + p + ": cannot read (" + e.getMessage() + ")", e);
      }
    }
    return new ResultPlot(file, format, List.copyOf(outputs), log ? AxisScale.LOG : AxisScale.LINEAR, csv, observed,
        units);
  }

  /** Draws the result and writes the file. */
  void write(SimulationResult result, String modelName, List<String> sets) {
    String subtitle = sets.isEmpty() ? "bridge run, parameters as in the file" : "bridge run --set " + String.join(", ", sets);
    XyChart chart = new TimeProfileCharts(units).chart(List.of(new TimeProfileCharts.LabelledRun("", result)),
        new TimeProfileCharts.Request(outputs, scale, Optional.empty(), modelName, subtitle));
    if (observedCsv.isPresent()) {
      chart = new ObservedDataCsv(units).overlay(chart, observedCsv.get(), observedFile.orElseThrow().toString());
    }
    byte[] image = new JFreeChartPlotRenderer().render(chart, format, ImageSize.DEFAULT);
    try {
      Files.write(file, image);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
