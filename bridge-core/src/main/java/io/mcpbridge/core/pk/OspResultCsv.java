package io.mcpbridge.core.pk;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.Unit;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OSP's simulation-result CSV: a header {@code [IndividualId,]Time [min],<quantity path>
 * [<unit>],…} and one row per (individual, time). Values are converted to base units with the unit
 * catalog; a column without a {@code [unit]} is dimensionless.
 *
 * <p>Tolerated: a UTF-8 byte-order mark, {@code #} comment lines and blank lines, RFC-4180 quoted
 * fields (one line each), and {@code ;} or {@code ,} as separator (the header decides: {@code ;} if
 * it has an unquoted one). The decimal separator is always {@code .}. A file whose first data line
 * is numeric has no header: column 1 is time in min, the others are values in the base unit of
 * {@link Options#headerlessDimension()} (OSP's PK-calculator test files look like this).
 */
public final class OspResultCsv {
  private static final Pattern HEADER_UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\[\\]]*)\\]$");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");

  /**
   * Parser limits and defaults.
   *
   * @param headerlessDimension dimension of value columns of a header-less file
   * @param maxChars largest accepted input, in characters
   * @param maxRows largest accepted number of data rows
   */
  public record Options(String headerlessDimension, long maxChars, int maxRows) {
    public Options {
      Objects.requireNonNull(headerlessDimension, "headerlessDimension");
      if (maxChars <= 0 || maxRows <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** Concentration (molar) for header-less files; 64 MiB; one million rows. */
    public static Options defaults() {
      return new Options("Concentration (molar)", 64L << 20, 1_000_000);
    }
  }

  /**
   * The rows of one individual.
   *
   * @param individualId the {@code IndividualId} value, 0 when the file has no such column
   * @param times output times in min
   * @param series one series per quantity column, values in base units
   */
  public record Individual(int individualId, double[] times, List<TimeSeries> series) {
    public Individual {
      Objects.requireNonNull(times, "times");
      series = List.copyOf(series);
    }
  }

  /**
   * A parsed file.
   *
   * @param individuals in order of first appearance
   */
  public record Result(List<Individual> individuals) {
    public Result {
      individuals = List.copyOf(individuals);
    }
  }

  private record ColumnSpec(String path, Dimension dimension, Unit unit) {}

  private final UnitCatalog catalog;
  private final Options options;

  public OspResultCsv(UnitCatalog catalog, Options options) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A parser with the standard catalog and default limits. */
  public OspResultCsv() {
    this(UnitCatalog.standard(), Options.defaults());
  }

  /** Parses a UTF-8 file. */
  public Result parse(Path file) {
    try {
      long size = Files.size(file);
      // UTF-8 needs at most 4 bytes per character; a cheap early bound before reading.
      if (size > options.maxChars() * 4) {
        throw tooLarge();
      }
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return parse(r);
      }
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read result CSV " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses CSV text. */
  public Result parse(Reader input) {
    BufferedReader reader = new BufferedReader(input);
    long chars = 0;
    int lineNo = 0;
    List<ColumnSpec> columns = null;
    boolean hasId = false;
    char sep = ',';
    int width = 0;
    Map<Integer, Rows> byIndividual = new LinkedHashMap<>();
    int rows = 0;
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        chars += line.length() + 1;
        if (chars > options.maxChars()) {
          throw tooLarge();
        }
        if (lineNo == 1) {
          line = CsvLine.withoutBom(line);
        }
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        if (columns == null) {
          sep = CsvLine.separatorOf(line);
          List<String> fields = CsvLine.split(line, sep, "Result CSV line " + lineNo);
          if (isNumericRow(fields)) {
            columns = headerlessColumns(fields.size(), lineNo);
          } else {
            hasId = !fields.isEmpty() && fields.get(0).strip().equalsIgnoreCase("IndividualId");
            columns = headerColumns(fields, hasId, lineNo);
            width = fields.size();
            continue;
          }
          width = fields.size();
        }
        List<String> fields = CsvLine.split(line, sep, "Result CSV line " + lineNo);
        if (fields.size() != width) {
          throw new InvalidInputException(
              "Result CSV line " + lineNo + ": expected " + width + " fields, found " + fields.size());
        }
        if (++rows > options.maxRows()) {
          throw new InvalidInputException(
              "Result CSV has more than " + options.maxRows() + " data rows");
        }
        int id = 0;
        int offset = 0;
        if (hasId) {
          id = parseId(fields.get(0), lineNo);
          offset = 1;
        }
        Rows target = byIndividual.computeIfAbsent(id, k -> new Rows());
        double[] row = new double[width - offset];
        for (int i = 0; i < row.length; i++) {
          ColumnSpec col = columns.get(i);
          double raw = parseNumber(fields.get(i + offset), lineNo, i + offset + 1);
          row[i] = col.unit().toBase(raw);
        }
        if (Double.isNaN(row[0]) || Double.isInfinite(row[0])) {
          throw new InvalidInputException("Result CSV line " + lineNo + ": time is not finite");
        }
        target.rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (columns == null) {
      throw new InvalidInputException("Result CSV is empty: no header and no data");
    }
    if (byIndividual.isEmpty()) {
      throw new InvalidInputException("Result CSV has a header but no data rows");
    }
    List<Individual> out = new ArrayList<>();
    for (Map.Entry<Integer, Rows> e : byIndividual.entrySet()) {
      out.add(e.getValue().toIndividual(e.getKey(), columns));
    }
    return new Result(out);
  }

  private InvalidInputException tooLarge() {
    return new InvalidInputException(
        "Result CSV exceeds the limit of " + options.maxChars() + " characters");
  }

  private List<ColumnSpec> headerlessColumns(int count, int lineNo) {
    if (count < 2) {
      throw new InvalidInputException(
          "Result CSV line " + lineNo + ": a header-less file needs time and at least one value column");
    }
    Dimension time = catalog.requireDimension("Time");
    Dimension values = catalog.requireDimension(options.headerlessDimension());
    List<ColumnSpec> cols = new ArrayList<>();
    cols.add(new ColumnSpec("Time", time, time.baseUnit()));
    for (int i = 1; i < count; i++) {
      cols.add(new ColumnSpec("Column " + (i + 1), values, values.baseUnit()));
    }
    return cols;
  }

  private List<ColumnSpec> headerColumns(List<String> fields, boolean hasId, int lineNo) {
    int first = hasId ? 1 : 0;
    if (fields.size() - first < 2) {
      throw new InvalidInputException(
          "Result CSV line " + lineNo + ": the header needs a time column and at least one quantity column");
    }
    List<ColumnSpec> cols = new ArrayList<>();
    for (int i = first; i < fields.size(); i++) {
      String field = fields.get(i).strip();
      Matcher m = HEADER_UNIT.matcher(field);
      String path = m.matches() ? m.group(1) : field;
      String unitText = m.matches() ? m.group(2) : "";
      if (path.isEmpty()) {
        throw new InvalidInputException(
            "Result CSV line " + lineNo + ", column " + (i + 1) + ": empty column name");
      }
      Dimension d;
      if (i == first) {
        if (!path.equalsIgnoreCase("Time")) {
          throw new InvalidInputException(
              "Result CSV line " + lineNo + ": column " + (i + 1) + " must be 'Time [unit]', found '" + field + "'");
        }
        d = catalog.requireDimension("Time");
      } else if (unitText.isEmpty()) {
        d = catalog.requireDimension("Dimensionless");
      } else {
        try {
          d = catalog.dimensionOfUnit(unitText);
        } catch (InvalidInputException e) {
          throw new InvalidInputException(
              "Result CSV line " + lineNo + ", column " + (i + 1) + " ('" + path + "'): " + e.getMessage(), e);
        }
      }
      Unit unit;
      try {
        unit = catalog.unit(unitText, d);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(
            "Result CSV line " + lineNo + ", column " + (i + 1) + " ('" + path + "'): " + e.getMessage(), e);
      }
      cols.add(new ColumnSpec(path, d, unit));
    }
    return cols;
  }

  private static boolean isNumericRow(List<String> fields) {
    for (String f : fields) {
      if (!NUMBER.matcher(f.strip()).matches()) {
        return false;
      }
    }
    return true;
  }

  private static double parseNumber(String field, int lineNo, int column) {
    String s = field.strip();
    if (!NUMBER.matcher(s).matches()) {
      throw new InvalidInputException(
          "Result CSV line " + lineNo + ", column " + column + ": not a number: '" + field + "'");
    }
    return Double.parseDouble(s);
  }

  private static int parseId(String field, int lineNo) {
    try {
      return Integer.parseInt(field.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "Result CSV line " + lineNo + ": IndividualId is not an integer: '" + field + "'");
    }
  }

  /** Rows of one individual, columns in base units (time first). */
  private static final class Rows {
    final List<double[]> rows = new ArrayList<>();

    Individual toIndividual(int id, List<ColumnSpec> columns) {
      int n = rows.size();
      double[] times = new double[n];
      for (int r = 0; r < n; r++) {
        times[r] = rows.get(r)[0];
      }
      List<TimeSeries> series = new ArrayList<>();
      for (int c = 1; c < columns.size(); c++) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r)[c];
        }
        ColumnSpec spec = columns.get(c);
        series.add(new TimeSeries(spec.path(), spec.dimension().name(), v));
      }
      return new Individual(id, times, series);
    }
  }
}
