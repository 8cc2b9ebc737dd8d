package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.PrintWriter;

/**
 * Writes a simulation result as OSP's result CSV or as JSON. Values are in base units; a series'
 * unit is the catalog's base unit of its dimension (empty if the dimension is not in the catalog).
 */
final class ResultExport {
  private final UnitCatalog units;
  private final boolean fullPrecision;

  ResultExport(UnitCatalog units, boolean fullPrecision) {
    this.units = units;
    this.fullPrecision = fullPrecision;
  }

  /**
   * OSP's export layout: {@code IndividualId,Time [min],<path> [<unit>],…}, one row per output
   * time, individual 0.
   */
  void csv(SimulationResult result, PrintWriter out) {
    StringBuilder header = new StringBuilder("IndividualId,Time [min]");
    for (TimeSeries s : result.series()) {
      header.append(',').append(quoted(s.path() + " [" + unitOf(s) + "]"));
    }
    out.println(header);
    double[] times = result.times();
    for (int i = 0; i < times.length; i++) {
      StringBuilder row = new StringBuilder("0,").append(number(times[i]));
      for (TimeSeries s : result.series()) {
        row.append(',').append(number(s.values()[i]));
      }
      out.println(row);
    }
  }

  /** {@code {"times":[…],"timeUnit":"min","series":[…],"statistics":{…}}}; NaN and ±∞ become null. */
  void json(SimulationResult result, PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    fill(root.putArray("times"), result.times());
    root.put("timeUnit", "min");
    ArrayNode series = root.putArray("series");
    for (TimeSeries s : result.series()) {
      ObjectNode node = series.addObject();
      node.put("path", s.path());
      node.put("dimension", s.dimension());
      node.put("unit", unitOf(s));
      fill(node.putArray("values"), s.values());
    }
    RunStatistics st = result.statistics();
    ObjectNode stats = root.putObject("statistics");
    stats.put("steps", st.steps());
    stats.put("rhsEvaluations", st.rhsEvaluations());
    stats.put("jacobianEvaluations", st.jacobianEvaluations());
    stats.put("errorTestFailures", st.errorTestFailures());
    stats.put("convergenceFailures", st.convergenceFailures());
    stats.put("wallTimeMs", st.wallTime().toNanos() / 1e6);
    out.println(root.toString());
  }

  private void fill(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(fullPrecision ? v : (double) (float) v);
      } else {
        array.addNull();
      }
    }
  }

  private String unitOf(TimeSeries s) {
    return units.dimension(s.dimension()).map(Dimension::baseUnit).map(u -> u.name()).orElse("");
  }

  /** Shortest text that reads back to the same float (default) or double (full precision). */
  private String number(double v) {
    return fullPrecision ? Double.toString(v) : Float.toString((float) v);
  }

  private static String quoted(String field) {
    return field.indexOf(',') < 0 && field.indexOf('"') < 0 ? field : '"' + field.replace("\"", "\"\"") + '"';
  }
}
