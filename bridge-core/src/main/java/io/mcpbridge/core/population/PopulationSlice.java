package io.mcpbridge.core.population;

import io.mcpbridge.core.audit.CanonicalJson;
import io.mcpbridge.core.audit.JsonText;
import io.mcpbridge.core.model.ParameterOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A contiguous range of a population's individuals with their parameter values: what one chunk of
 * a population job runs on a worker that shares no files with the API. Values are in base units.
 *
 * <p>Encoded as canonical JSON, the body of a {@code population} chunk message (format in
 * {@code docs/jobs-wire-format.md}):
 * {@code {"first":100,"ids":[101,…],"paths":["Organism|Weight",…],"values":[[70.5,…],…]}} — one
 * row of values per individual, in path order. Numbers keep their exact double value.
 *
 * @param first position (0-based, in the population) of the first individual of the slice
 * @param paths the varied quantity paths, in the population's order
 * @param ids the individuals' {@code IndividualId}s
 * @param values one row per individual, one value per path
 */
public record PopulationSlice(int first, List<String> paths, int[] ids, double[][] values) {
  /** The kind name of population chunks in job messages. */
  public static final String KIND = "population";

  public PopulationSlice {
    paths = List.copyOf(paths);
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(values, "values");
    if (first < 0 || ids.length != values.length || ids.length == 0) {
      throw new IllegalArgumentException("a population slice needs a position ≥ 0 and one row of values per id");
    }
    for (double[] row : values) {
      if (row == null || row.length != paths.size()) {
        throw new IllegalArgumentException("every individual of a slice needs one value per path");
      }
    }
  }

  /** Individuals [{@code from}, {@code to}) of a population. */
  public static PopulationSlice of(Population population, int from, int to) {
    if (from < 0 || to > population.size() || from >= to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside the population");
    }
    int[] ids = new int[to - from];
    double[][] values = new double[to - from][];
    for (int i = from; i < to; i++) {
      ids[i - from] = population.individuals().get(i).id();
      values[i - from] = population.individuals().get(i).values().clone();
    }
    return new PopulationSlice(from, population.parameterPaths(), ids, values);
  }

  /** Number of individuals. */
  public int size() {
    return ids.length;
  }

  /** The overrides that make the {@code k}-th individual of the slice, in path order. */
  public List<ParameterOverride> overridesOf(int k) {
    List<ParameterOverride> out = new ArrayList<>(paths.size());
    for (int p = 0; p < paths.size(); p++) {
      out.add(new ParameterOverride(paths.get(p), values[k][p]));
    }
    return out;
  }

  /** The canonical-JSON body of a chunk message. */
  public String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("first", first);
    List<Object> idList = new ArrayList<>(ids.length);
    for (int id : ids) {
      idList.add(id);
    }
    out.put("ids", idList);
    out.put("paths", paths);
    List<Object> rows = new ArrayList<>(values.length);
    for (double[] row : values) {
      List<Object> r = new ArrayList<>(row.length);
      for (double v : row) {
        r.add(v);
      }
      rows.add(r);
    }
    out.put("values", rows);
    return CanonicalJson.write(out);
  }

  /**
   * Reads a chunk message body.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static PopulationSlice fromJson(String json) {
    Object parsed = JsonText.parse(json);
    if (!(parsed instanceof Map<?, ?> in)) {
      throw new IllegalArgumentException("a population slice must be a JSON object");
    }
    for (Object key : in.keySet()) {
      if (!List.of("first", "ids", "paths", "values").contains(key)) {
        throw new IllegalArgumentException("unknown field '" + key + "' in a population slice");
      }
    }
    List<?> idList = list(in.get("ids"), "ids");
    List<?> pathList = list(in.get("paths"), "paths");
    List<?> rows = list(in.get("values"), "values");
    int[] ids = new int[idList.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = integer(idList.get(i), "ids");
    }
    List<String> paths = new ArrayList<>(pathList.size());
    for (Object p : pathList) {
      if (!(p instanceof String s)) {
        throw new IllegalArgumentException("paths must hold strings");
      }
      paths.add(s);
    }
    double[][] values = new double[rows.size()][];
    for (int i = 0; i < values.length; i++) {
      List<?> row = list(rows.get(i), "values row");
      values[i] = new double[row.size()];
      for (int p = 0; p < row.size(); p++) {
        Object v = row.get(p);
        if (v instanceof Long l) {
          values[i][p] = l.doubleValue();
        } else if (v instanceof Double d) {
          values[i][p] = d;
        } else {
          throw new IllegalArgumentException("values must be numbers");
        }
      }
    }
    return new PopulationSlice(integer(in.get("first"), "first"), paths, ids, values);
  }

  private static List<?> list(Object value, String what) {
    if (!(value instanceof List<?> l)) {
      throw new IllegalArgumentException(what + " must be a JSON array");
    }
    return l;
  }

  private static int integer(Object value, String what) {
    if (!(value instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " must hold integers");
    }
    return (int) (long) l;
  }
}
