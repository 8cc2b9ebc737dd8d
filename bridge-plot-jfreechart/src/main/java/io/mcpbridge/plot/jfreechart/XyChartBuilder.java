package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.Band;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.PointSeries;
import io.mcpbridge.core.model.plot.XyChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws an {@link XyChart}: thin individual curves first, then bands (each its own layer and
 * opacity), then the main curves, then observed points; the legend lists each element once.
 */
final class XyChartBuilder {
  private static final Shape POINT = new Ellipse2D.Double(-4.5, -4.5, 9, 9);
  private static final Shape LINE_KEY = new Line2D.Double(-14, 0, 14, 0);
  private static final Shape BAND_KEY = new Rectangle2D.Double(-10, -6, 20, 12);

  private XyChartBuilder() {}

  static JFreeChart build(XyChart chart) {
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(Axes.of(chart.x(), false));
    plot.setRangeAxis(Axes.of(chart.y(), chart.y().scale() == AxisScale.LINEAR && allNonNegative(chart)));
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    LegendItemCollection legend = new LegendItemCollection();
    int layer = 0;
    for (LineStyle style : List.of(LineStyle.THIN, LineStyle.SOLID, LineStyle.DASHED)) {
      if (style == LineStyle.SOLID) {
        layer = bands(chart, plot, legend, layer);
      }
      List<LineSeries> lines = chart.lines().stream().filter(l -> l.style() == style).toList();
      if (lines.isEmpty()) {
        continue;
      }
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < lines.size(); i++) {
        LineSeries line = lines.get(i);
        data.addSeries(series(line.name() + "#" + i, line.x(), line.y()));
        Color colour = style == LineStyle.THIN ? Palette.of(line.group(), 0.15) : Palette.of(line.group());
        renderer.setSeriesPaint(i, colour);
        renderer.setSeriesStroke(i, stroke(style));
        if (line.inLegend()) {
          legend.add(new LegendItem(line.name(), null, null, null, false, POINT, false, colour, false, colour,
              stroke(style), true, LINE_KEY, stroke(style), colour));
        }
      }
      plot.setDataset(layer, data);
      plot.setRenderer(layer++, renderer);
    }
    if (!chart.points().isEmpty()) {
      XYSeriesCollection data = new XYSeriesCollection();
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
      for (int i = 0; i < chart.points().size(); i++) {
        PointSeries points = chart.points().get(i);
        data.addSeries(series(points.name() + "#" + i, points.x(), points.y()));
        Color colour = Palette.of(points.group());
        renderer.setSeriesPaint(i, colour);
        renderer.setSeriesShape(i, POINT);
        renderer.setSeriesOutlinePaint(i, Color.BLACK);
        renderer.setUseOutlinePaint(true);
        renderer.setDrawOutlines(true);
        legend.add(new LegendItem(points.name(), null, null, null, true, POINT, true, colour, true, Color.BLACK,
            new BasicStroke(1f), false, LINE_KEY, new BasicStroke(0f), colour));
      }
      plot.setDataset(layer, data);
      plot.setRenderer(layer, renderer);
    }
    plot.setFixedLegendItems(legend);
    JFreeChart jfc = new JFreeChart(chart.title(), ChartStyle.font(java.awt.Font.BOLD, 22), plot, true);
    return ChartStyle.finish(jfc, chart.subtitle());
  }

  private static int bands(XyChart chart, XYPlot plot, LegendItemCollection legend, int firstLayer) {
    int layer = firstLayer;
    for (Band band : chart.bands()) {
      plot.setDataset(layer, bandSegments(band));
      plot.setRenderer(layer++, bandRenderer(band));
      Color fill = Palette.of(band.group(), band.opacity());
      legend.add(new LegendItem(band.name(), null, null, null, true, BAND_KEY, true, fill, false, fill,
          new BasicStroke(0f), false, LINE_KEY, new BasicStroke(0f), fill));
    }
    return layer;
  }

  private static boolean allNonNegative(XyChart chart) {
    for (LineSeries l : chart.lines()) {
      for (double v : l.y()) {
        if (v < 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static java.awt.Stroke stroke(LineStyle style) {
    return switch (style) {
      case SOLID -> ChartStyle.SOLID;
      case DASHED -> ChartStyle.DASHED;
      case THIN -> ChartStyle.THIN;
    };
  }

  private static XYSeries series(String key, double[] x, double[] y) {
    XYSeries s = new XYSeries(key, false, true);
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i])) {
        s.add(x[i], Double.isFinite(y[i]) ? y[i] : Double.NaN, false);
      }
    }
    return s;
  }

  /** A band as runs of finite bounds: a gap (e.g. non-positive values on a log axis) splits it. */
  private static YIntervalSeriesCollection bandSegments(Band band) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    YIntervalSeries current = null;
    int segment = 0;
    for (int i = 0; i < band.x().length; i++) {
      double lo = band.lower()[i];
      double hi = band.upper()[i];
      if (Double.isFinite(band.x()[i]) && Double.isFinite(lo) && Double.isFinite(hi)) {
        if (current == null) {
          current = new YIntervalSeries(band.name() + "#" + segment++, false, true);
        }
        current.add(band.x()[i], (lo + hi) / 2, lo, hi);
      } else if (current != null) {
        data.addSeries(current);
        current = null;
      }
    }
    if (current != null) {
      data.addSeries(current);
    }
    return data;
  }

  private static DeviationRenderer bandRenderer(Band band) {
    DeviationRenderer r = new DeviationRenderer(false, false);
    r.setAlpha((float) band.opacity());
    Color opaque = Palette.of(band.group());
    r.setDefaultFillPaint(opaque);
    r.setAutoPopulateSeriesFillPaint(false);
    r.setDefaultPaint(new Color(0, 0, 0, 0));
    r.setAutoPopulateSeriesPaint(false);
    return r;
  }
}
