package io.mcpbridge.plot.jfreechart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Stroke;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look shared by every chart: one sans-serif family (DejaVu Sans where installed, as on the
 * project's machines, else the JDK's logical SansSerif), sizes readable at 1200 × 800, white
 * background, light grid, legend below.
 */
final class ChartStyle {
  static final Color GRID = new Color(0xDDDDDD);
  static final Color TEXT = new Color(0x222222);
  static final Stroke SOLID = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final Stroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
      new float[] {10f, 6f}, 0f);
  static final Stroke THIN = new BasicStroke(0.8f);
  static final Stroke MARKER = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {6f, 4f}, 0f);
  private static final String FAMILY = family();

  private ChartStyle() {}

  static Font font(int style, int size) {
    return new Font(FAMILY, style, size);
  }

  private static String family() {
    String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(java.util.Locale.ROOT);
    return Arrays.asList(installed).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
  }

  /** Applies titles, fonts, background and legend to a built chart. */
  static JFreeChart finish(JFreeChart chart, String subtitle) {
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(12, 12, 12, 20));
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setFont(font(Font.BOLD, 22));
      title.setPaint(TEXT);
    }
    if (!subtitle.isEmpty()) {
      TextTitle sub = new TextTitle(subtitle, font(Font.PLAIN, 15));
      sub.setPaint(new Color(0x555555));
      sub.setPadding(new RectangleInsets(2, 0, 8, 0));
      chart.addSubtitle(sub);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(font(Font.PLAIN, 14));
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(new Color(0x999999));
    return chart;
  }

  static void axis(Axis axis) {
    axis.setLabelFont(font(Font.PLAIN, 17));
    axis.setLabelPaint(TEXT);
    axis.setTickLabelFont(font(Font.PLAIN, 14));
    axis.setTickLabelPaint(TEXT);
  }
}
