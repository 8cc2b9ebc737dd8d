package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.model.plot.Chart;
import io.mcpbridge.core.model.plot.DistributionChart;
import io.mcpbridge.core.model.plot.ImageFormat;
import io.mcpbridge.core.model.plot.ImageSize;
import io.mcpbridge.core.model.plot.TornadoChart;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.port.PlotRenderer;
import org.jfree.chart.JFreeChart;

/**
 * {@link PlotRenderer} on JFreeChart (drawing) and JFreeSVG (SVG output). Stateless, so
 * thread-safe; headless (draws into an image or an SVG document, never onto a screen); the same
 * chart gives the same bytes on the same machine (fonts are the machine's).
 */
public final class JFreeChartPlotRenderer implements PlotRenderer {

  @Override
  public byte[] render(Chart chart, ImageFormat format, ImageSize size) {
    JFreeChart drawn;
    if (chart instanceof XyChart xy) {
      drawn = XyChartBuilder.build(xy);
    } else if (chart instanceof DistributionChart d) {
      drawn = DistributionChartBuilder.build(d);
    } else if (chart instanceof TornadoChart t) {
      drawn = TornadoChartBuilder.build(t);
    } else {
      throw new IllegalArgumentException("unknown chart kind " + chart.getClass().getName());
    }
    return format == ImageFormat.PNG ? ImageEncoder.png(drawn, size) : ImageEncoder.svg(drawn, size);
  }
}
