package io.mcpbridge.core.service.plot;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.plot.AxisScale;
import io.mcpbridge.core.model.plot.PointSeries;
import io.mcpbridge.core.model.plot.XyChart;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Observed data from a CSV to overlay on a time profile. The first line names the columns with
 * their units in brackets, as OSP's exports do: {@code Time [h],Plasma [µmol/l],...}; the first
 * column is time, every further column one observed series. Values are converted to the chart's
 * axis units; empty cells are skipped; at most {@link #MAX_ROWS} rows.
 */
public final class ObservedDataCsv {
  /** The most rows read. */
  public static final int MAX_ROWS = 100_000;
  private static final Pattern HEADER = Pattern.compile("^\\s*\"?(.*?)\\s*\\[(.*)]\\s*\"?\\s*$");
  private final UnitCatalog units;

  public ObservedDataCsv(UnitCatalog units) {
    this.units = units;
  }

  /**
   * The chart with the observed series added as points (colour groups after the chart's lines).
   *
   * @param csv the file's text
   * @param sourceName where it came from, for error messages
   * @throws InvalidInputException if the file is malformed or its units do not fit the axes
   */
  public XyChart overlay(XyChart chart, String csv, String sourceName) {
    String[] lines = csv.replace("\r", "").split("\n");
    if (lines.length < 2) {
      throw new InvalidInputException(sourceName + ": needs a header and at least one row");
    }
    if (lines.length - 1 > MAX_ROWS) {
      throw new InvalidInputException(sourceName + ": more than " + MAX_ROWS + " rows");
    }
    String[] header = lines[0].replace("\uFEFF", "").split(",", -1);
    if (header.length < 2) {
      throw new InvalidInputException(sourceName + ": needs a time column and at least one value column");
    }
    Column time = column(header[0], sourceName);
    Dimension timeDimension = units.requireDimension("Time");
    double timeFactor = units.unit(time.unit(), timeDimension).toBase(1.0);
    double toAxisTime = units.unit(chart.x().unit(), timeDimension).fromBase(timeFactor);

    int group = chart.lines().stream().mapToInt(l -> l.group() + 1).max().orElse(0);
    List<PointSeries> points = new ArrayList<>(chart.points());
    for (int c = 1; c < header.length; c++) {
      Column col = column(header[c], sourceName);
      double scale = valueScale(col, chart.y().unit(), sourceName);
      List<double[]> rows = new ArrayList<>();
      for (int r = 1; r < lines.length; r++) {
        if (lines[r].isBlank()) {
          continue;
        }
        String[] cells = lines[r].split(",", -1);
        if (cells.length != header.length) {
          throw new InvalidInputException(sourceName + " line " + (r + 1) + ": " + cells.length + " cells, header has "
              + header.length);
        }
        Optional<Double> t = number(cells[0], sourceName, r);
        Optional<Double> v = number(cells[c], sourceName, r);
        if (t.isPresent() && v.isPresent() && (chart.y().scale() == AxisScale.LINEAR || v.get() > 0)) {
          rows.add(new double[] {t.get() * toAxisTime, v.get() * scale});
        }
      }
      double[] x = rows.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = rows.stream().mapToDouble(p -> p[1]).toArray();
      points.add(new PointSeries("observed: " + col.name(), x, y, group++));
    }
    return new XyChart(chart.title(), chart.subtitle(), chart.x(), chart.y(), chart.lines(), chart.bands(), points);
  }

  private record Column(String name, String unit) {}

  private static Column column(String header, String sourceName) {
    Matcher m = HEADER.matcher(header);
    if (!m.matches() || m.group(1).isBlank()) {
      throw new InvalidInputException(sourceName + ": column '" + header.strip() + "' must read 'Name [unit]'");
    }
    return new Column(m.group(1).strip(), m.group(2).strip());
  }

  /** The factor from the column's unit to the axis unit. */
  private double valueScale(Column col, String axisUnit, String sourceName) {
    if (col.unit().equals(axisUnit)) {
      return 1.0;
    }
    for (Dimension d : units.dimensionsOfUnit(col.unit())) {
      if (units.findUnit(axisUnit, d).isPresent()) {
        return units.unit(axisUnit, d).fromBase(units.unit(col.unit(), d).toBase(1.0));
      }
    }
    throw new InvalidInputException(sourceName + ": column " + col.name() + " is in " + col.unit()
        + ", which does not convert to the plot's unit '" + axisUnit + "'");
  }

  private static Optional<Double> number(String cell, String sourceName, int row) {
    String s = cell.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(sourceName + " line " + (row + 1) + ": '" + s + "' is not a finite number");
    }
  }
}
