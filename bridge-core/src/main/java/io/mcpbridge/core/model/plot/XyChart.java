package io.mcpbridge.core.model.plot;

import java.util.List;
import java.util.Objects;

/**
 * Curves, bands and points over a common x axis: time profiles of one or several runs, population
 * percentile bands with median and individual curves, observed data. Thin lines are drawn first,
 * then bands, then the other lines, then points.
 *
 * @param title headline naming model and run
 * @param subtitle details; may be empty
 * @param x the x axis (usually time)
 * @param y the y axis
 * @param lines curves
 * @param bands shaded ranges
 * @param points markers
 */
public record XyChart(String title, String subtitle, Axis x, Axis y, List<LineSeries> lines, List<Band> bands,
    List<PointSeries> points) implements Chart {
  public XyChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    lines = List.copyOf(lines);
    bands = List.copyOf(bands);
    points = List.copyOf(points);
    if (lines.isEmpty() && bands.isEmpty() && points.isEmpty()) {
      throw new IllegalArgumentException("chart " + title + " has nothing to draw");
    }
  }
}
