package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.TornadoChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a {@link TornadoChart}: per parameter (top to bottom in the chart's order) a bar for the
 * lowered and one for the raised parameter, from zero to the output's change.
 */
final class TornadoChartBuilder {
  private TornadoChartBuilder() {}

  static JFreeChart build(TornadoChart chart) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (TornadoBar bar : chart.bars()) {
      data.addValue(bar.low(), chart.lowLabel(), bar.parameter());
      data.addValue(bar.high(), chart.highLabel(), bar.parameter());
    }
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.0);
    renderer.setSeriesPaint(0, Palette.of(0));
    renderer.setSeriesPaint(1, Palette.of(1));
    CategoryAxis parameters = new CategoryAxis("Parameter");
    parameters.setMaximumCategoryLabelWidthRatio(0.45f);
    parameters.setCategoryMargin(0.25);
    ChartStyle.axis(parameters);
    ValueAxis change = Axes.of(chart.value(), true);
    CategoryPlot plot = new CategoryPlot(data, parameters, change, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    plot.addRangeMarker(new ValueMarker(0.0, Color.DARK_GRAY, new BasicStroke(1.5f)));
    JFreeChart jfc = new JFreeChart(chart.title(), ChartStyle.font(Font.BOLD, 22), plot, true);
    return ChartStyle.finish(jfc, chart.subtitle());
  }
}
