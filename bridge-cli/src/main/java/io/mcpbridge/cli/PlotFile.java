package io.mcpbridge.cli;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.Chart;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.plot.jfreechart.JFreeChartPlotRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image file of a {@code --plot FILE.png|FILE.svg} option: its extension names the format and
 * its folder must exist. Checked before any work is done, so a bad name fails fast and writes nothing.
 *
 * @param path where the image goes
 * @param format PNG or SVG, from the extension
 */
record PlotFile(Path path, ImageFormat format) {

  /**
   * Checks the file name.
   *
   * @throws InvalidInputException if the name ends neither in .png nor in .svg, or its folder does not exist
   */
  static PlotFile of(Path path) {
    ImageFormat format = ImageFormat.ofFileName(path.getFileName().toString());
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InvalidInputException("--plot " + path + ": folder " + parent + " does not exist");
    }
    return new PlotFile(path, format);
  }

  /** Renders the chart at the default size and writes it. */
  void write(Chart chart) {
    byte[] image = new JFreeChartPlotRenderer().render(chart, format, ImageSize.DEFAULT);
    try {
      Files.write(path, image);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot write " + path + " (" + e.getMessage() + ")", e);
    }
  }
}
