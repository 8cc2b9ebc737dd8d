package io.mcpbridge.core.model.plot;

import java.util.List;
import java.util.Objects;

/**
 * A sensitivity tornado: one horizontal bar pair per parameter, showing the change of an output
 * when the parameter is lowered and when it is raised, largest effect on top.
 *
 * @param title headline
 * @param subtitle details; may be empty
 * @param value the axis of the change, e.g. {@code Change of AUC [%]}
 * @param lowLabel legend entry of the lowered-parameter bars
 * @param highLabel legend entry of the raised-parameter bars
 * @param bars in drawing order, top first
 */
public record TornadoChart(String title, String subtitle, Axis value, String lowLabel, String highLabel,
    List<TornadoBar> bars) implements Chart {
  public TornadoChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lowLabel, "lowLabel");
    Objects.requireNonNull(highLabel, "highLabel");
    bars = List.copyOf(bars);
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("tornado " + title + " has no bars");
    }
  }
}
