package io.mcpbridge.core.service.plot;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.model.plot.Axis;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.LineSeries;
import io.mcpbridge.core.model.plot.LineStyle;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.Unit;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Time profiles of runs as charts: the chosen outputs of one run, or of several runs overlaid (e.g.
 * before and after a parameter change). Time is shown in hours, as OSP's time profile plots do;
 * values in the base unit of their dimension or in a display unit all chosen outputs accept. On a
 * logarithmic axis values that are not positive are left out (the curve breaks there).
 */
public final class TimeProfileCharts {
  private static final double MINUTES_PER_HOUR = 60.0;
  private final UnitCatalog units;

  public TimeProfileCharts(UnitCatalog units) {
    this.units = units;
  }

  /**
   * A run and the label it has in the legend.
   *
   * @param label legend prefix, e.g. {@code baseline}; empty for a single run
   * @param result the run's output
   */
  public record LabelledRun(String label, SimulationResult result) {}

  /**
   * What to show and how.
   *
   * @param outputs quantity paths; empty means every reported series
   * @param scale of the y axis
   * @param displayUnit the y unit; empty means the base unit of the outputs' dimension
   * @param title headline naming model and run
   * @param subtitle details
   */
  public record Request(List<String> outputs, AxisScale scale, Optional<String> displayUnit, String title,
      String subtitle) {
    public Request {
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * The chart of one run or of several runs overlaid.
   *
   * @throws NotFoundException if a run lacks a chosen output
   * @throws InvalidInputException if the display unit does not fit an output, or a log scale has
   *     nothing positive to show
   */
  public XyChart chart(List<LabelledRun> runs, Request request) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run to plot");
    }
    List<String> paths = request.outputs().isEmpty()
        ? runs.get(0).result().series().stream().map(TimeSeries::path).toList()
        : request.outputs();
    if (paths.isEmpty()) {
      throw new InvalidInputException("the result has no series to plot");
    }
    List<List<TimeSeries>> chosen = new ArrayList<>();
    for (LabelledRun run : runs) {
      chosen.add(pick(run.result(), paths));
    }
    Set<String> dimensions = new LinkedHashSet<>();
    chosen.get(0).forEach(s -> dimensions.add(s.dimension()));
    boolean oneDimension = dimensions.size() == 1;
    Optional<String> unitName = request.displayUnit().filter(u -> !u.isBlank());
    if (unitName.isPresent() && !oneDimension) {
      throw new InvalidInputException("a display unit needs outputs of one dimension; these have " + dimensions);
    }

    List<LineSeries> lines = new ArrayList<>();
    boolean anyPositive = false;
    String yUnit = "";
    for (int r = 0; r < runs.size(); r++) {
      LabelledRun run = runs.get(r);
      double[] hours = hours(run.result().times());
      for (int i = 0; i < paths.size(); i++) {
        TimeSeries s = chosen.get(r).get(i);
        Optional<Dimension> dimension = units.dimension(s.dimension());
        Unit unit = displayUnit(s, dimension, unitName);
        yUnit = unit == null ? "" : unit.name();
        double[] y = new double[s.values().length];
        for (int k = 0; k < y.length; k++) {
          double v = unit == null ? s.values()[k] : unit.fromBase(s.values()[k]);
          y[k] = request.scale() == AxisScale.LOG && !(v > 0) ? Double.NaN : v;
          anyPositive |= v > 0;
        }
        String name = (run.label().isEmpty() ? "" : run.label() + ": ") + s.path()
            + (oneDimension || unit == null ? "" : " [" + unit.name() + "]");
        int group = runs.size() == 1 ? i : r * paths.size() + i;
        LineStyle style = r == 0 || runs.size() == 1 ? LineStyle.SOLID : LineStyle.DASHED;
        lines.add(new LineSeries(name, hours, y, style, group, true));
      }
    }
    if (request.scale() == AxisScale.LOG && !anyPositive) {
      throw new InvalidInputException("no positive value to show on a logarithmic axis");
    }
    String yTitle = oneDimension ? dimensions.iterator().next() : "Value";
    Axis x = new Axis("Time", "h", AxisScale.LINEAR);
    Axis y = new Axis(yTitle, oneDimension ? yUnit : "", request.scale());
    return new XyChart(request.title(), request.subtitle(), x, y, lines, List.of(), List.of());
  }

  /** Output times (min) in hours. */
  static double[] hours(double[] minutes) {
    double[] h = new double[minutes.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = minutes[i] / MINUTES_PER_HOUR;
    }
    return h;
  }

  private Unit displayUnit(TimeSeries s, Optional<Dimension> dimension, Optional<String> unitName) {
    if (unitName.isPresent()) {
      Dimension d = dimension.orElseThrow(() -> new InvalidInputException(
          s.path() + " has dimension " + s.dimension() + ", which has no units to convert to " + unitName.get()));
      return units.unit(unitName.get(), d);
    }
    return dimension.map(Dimension::baseUnit).orElse(null);
  }

  private static List<TimeSeries> pick(SimulationResult result, List<String> paths) {
    List<TimeSeries> out = new ArrayList<>();
    for (String p : paths) {
      out.add(result.series(p).orElseThrow(() -> new NotFoundException("the result has no series " + p
          + "; available: " + result.series().stream().map(TimeSeries::path).toList())));
    }
    return out;
  }
}
