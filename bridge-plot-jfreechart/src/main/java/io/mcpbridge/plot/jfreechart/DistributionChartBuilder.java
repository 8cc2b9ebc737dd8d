package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.DistributionChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Draws a {@link DistributionChart}: a histogram of equal-width bins (equal width in log10 on a
 * logarithmic axis, which then leaves out values that are not positive), with the median and the
 * 5th and 95th percentiles as vertical lines.
 */
final class DistributionChartBuilder {
  private DistributionChartBuilder() {}

  static JFreeChart build(DistributionChart chart) {
    boolean log = chart.value().scale() == AxisScale.LOG;
    double[] v = java.util.Arrays.stream(chart.values()).filter(x -> Double.isFinite(x) && (!log || x > 0)).toArray();
    if (v.length == 0) {
      throw new InvalidInputException("distribution " + chart.name() + " has no value to show"
          + (log ? " on a logarithmic axis" : ""));
    }
    double min = java.util.Arrays.stream(v).map(x -> log ? Math.log10(x) : x).min().orElseThrow();
    double max = java.util.Arrays.stream(v).map(x -> log ? Math.log10(x) : x).max().orElseThrow();
    double width = max > min ? (max - min) / chart.bins() : 1.0;
    int[] counts = new int[chart.bins()];
    for (double x : v) {
      double t = log ? Math.log10(x) : x;
      counts[Math.min(chart.bins() - 1, (int) ((t - min) / width))]++;
    }
    XYIntervalSeries bins = new XYIntervalSeries(chart.name());
    for (int b = 0; b < counts.length; b++) {
      double lo = min + b * width;
      double hi = lo + width;
      double x0 = log ? Math.pow(10, lo) : lo;
      double x1 = log ? Math.pow(10, hi) : hi;
      bins.add((x0 + x1) / 2, x0, x1, counts[b], 0, counts[b]);
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(bins);

    XYBarRenderer renderer = new XYBarRenderer(0.0);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(true);
    Color fill = Palette.of(0, 0.7);
    renderer.setSeriesPaint(0, fill);
    renderer.setSeriesOutlinePaint(0, Color.WHITE);
    NumberAxis count = new NumberAxis("Number of individuals");
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits(java.util.Locale.ROOT));
    ChartStyle.axis(count);
    XYPlot plot = new XYPlot(data, Axes.of(chart.value(), false), count, renderer);
    plot.setDomainGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlinePaint(ChartStyle.GRID);

    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem(chart.name() + " (n = " + v.length + ")", null, null, null,
        new Rectangle2D.Double(-10, -6, 20, 12), fill));
    marker(plot, legend, "median " + label(chart.summary().median()), chart.summary().median(), Palette.of(1),
        new BasicStroke(2.5f));
    marker(plot, legend, "5th percentile " + label(chart.summary().p5()), chart.summary().p5(), Palette.of(6),
        ChartStyle.MARKER);
    marker(plot, legend, "95th percentile " + label(chart.summary().p95()), chart.summary().p95(), Palette.of(6),
        ChartStyle.MARKER);
    plot.setFixedLegendItems(legend);
    JFreeChart jfc = new JFreeChart(chart.title(), ChartStyle.font(Font.BOLD, 22), plot, true);
    return ChartStyle.finish(jfc, chart.subtitle());
  }

  private static void marker(XYPlot plot, LegendItemCollection legend, String name, double at, Color colour,
      java.awt.Stroke stroke) {
    if (!Double.isFinite(at)) {
      return;
    }
    ValueMarker m = new ValueMarker(at, colour, stroke);
    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addDomainMarker(m);
    legend.add(new LegendItem(name, null, null, null, false, new Line2D.Double(-14, 0, 14, 0), false, colour, false,
        colour, stroke, true, new Line2D.Double(-14, 0, 14, 0), stroke, colour));
  }

  private static String label(double v) {
    return "= " + new TickFormat(4).format(v);
  }

}
