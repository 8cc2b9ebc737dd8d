package io.mcpbridge.core.service.plot;

import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.TornadoBar;
import io.mcpbridge.core.model.plot.TornadoChart;
import java.util.Comparator;
import java.util.List;

/** A sensitivity tornado: bars ordered by span, largest on top, at most {@link #MAX_BARS}. */
public final class TornadoCharts {
  /** The most parameters shown. */
  public static final int MAX_BARS = 30;

  private TornadoCharts() {}

  /** The chart of these effects, sorted by span (ties by parameter name, so the order is stable). */
  public static TornadoChart chart(String title, String subtitle, Axis value, String lowLabel, String highLabel,
      List<TornadoBar> effects) {
    List<TornadoBar> sorted = effects.stream()
        .sorted(Comparator.comparingDouble(TornadoBar::span).reversed().thenComparing(TornadoBar::parameter))
        .limit(MAX_BARS)
        .toList();
    return new TornadoChart(title, subtitle, value, lowLabel, highLabel, sorted);
  }
}
