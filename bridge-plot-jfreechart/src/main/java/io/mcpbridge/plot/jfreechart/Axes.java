package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;

/** Value axes from axis descriptions: labelled with their unit, locale-independent ticks. */
final class Axes {
  private Axes() {}

  static ValueAxis of(Axis axis, boolean includeZero) {
    ValueAxis a;
    if (axis.scale() == AxisScale.LOG) {
      LogAxis log = new LogAxis(axis.label());
      log.setBase(10);
      log.setNumberFormatOverride(new TickFormat());
      log.setSmallestValue(1e-300);
      // Whole decades only: 0.01, 0.1, 1, 10 …
      log.setStandardTickUnits(NumberAxis.createIntegerTickUnits(java.util.Locale.ROOT));
      a = log;
    } else {
      NumberAxis linear = new NumberAxis(axis.label());
      linear.setStandardTickUnits(new NumberTickUnitSource(false, new TickFormat()));
      linear.setAutoRangeIncludesZero(includeZero);
      a = linear;
    }
    a.setLowerMargin(0.02);
    a.setUpperMargin(0.05);
    ChartStyle.axis(a);
    return a;
  }
}
