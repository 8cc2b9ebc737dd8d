package io.mcpbridge.core.port;

import io.mcpbridge.core.model.plot.Chart;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;

/**
 * Draws charts. Implementations are headless (no display needed), thread-safe, and deterministic:
 * the same chart, format and size always give the same bytes, so results can be compared and
 * cached by content.
 */
public interface PlotRenderer {

  /**
   * Renders a chart.
   *
   * @param chart what to draw
   * @param format PNG or SVG
   * @param size pixels (SVG: user units)
   * @return the encoded image
   * @throws io.mcpbridge.core.error.InvalidInputException if the chart cannot be drawn as asked
   *     (e.g. a logarithmic axis with no positive value)
   * @throws io.mcpbridge.core.error.InternalErrorException if the library fails
   */
  byte[] render(Chart chart, ImageFormat format, ImageSize size);
}
