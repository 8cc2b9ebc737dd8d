package io.mcpbridge.core.population;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.Unit;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads population CSV files as PK-Sim and ospsuite write them, across versions.
 *
 * <ul>
 *   <li>{@code ,} or {@code ;} separated (an unquoted {@code ;} in the header selects it), quoted or
 *       bare fields, {@code #} comment lines ({@code #Project: …}, {@code #PK-Sim version: …}) and
 *       blank lines ignored, UTF-8 with or without BOM or Windows-1252;
 *   <li>an {@code IndividualId} column (required, integer, unique);
 *   <li>parameter columns: a header with a {@code |} or a {@code [unit]}. {@code <path> [unit]} values
 *       are converted to base units through the quantity's dimension; a bare {@code <path>} (PK-Sim 7)
 *       is already in base units. The path may start with the simulation's name;
 *   <li>every other column ({@code Gender}, {@code RaceIndex}, {@code Population Name}, …) is a
 *       covariate, kept as text.
 * </ul>
 *
 * <p>Bad input is refused as a whole with one {@link InvalidInputException}: all header problems
 * (unknown paths, units that do not fit, duplicate columns, a missing {@code IndividualId}) in one
 * message, or the first bad data line. Unknown paths may instead be skipped on request.
 */
public final class PopulationCsvReader {
  private static final Pattern HEADER_UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\[\\]]*)\\]$");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

  /**
   * Limits and choices.
   *
   * @param maxBytes largest accepted file
   * @param maxIndividuals largest accepted number of individuals
   * @param skipUnknownPaths skip parameter columns that name no quantity instead of refusing the file
   */
  public record Options(long maxBytes, int maxIndividuals, boolean skipUnknownPaths) {
    public Options {
      if (maxBytes <= 0 || maxIndividuals <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** 64 MiB, 100,000 individuals, unknown paths refused. */
    public static Options defaults() {
      return new Options(64L << 20, 100_000, false);
    }

    /** The same limits, skipping unknown paths. */
    public Options skippingUnknownPaths() {
      return new Options(maxBytes, maxIndividuals, true);
    }
  }

  private record ParameterColumn(int index, String path, Unit unit) {}

  private final UnitCatalog units;
  private final Options options;

  public PopulationCsvReader(UnitCatalog units, Options options) {
    this.units = Objects.requireNonNull(units, "units");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Reads a file; its size is checked before anything is read. */
  public PopulationFile read(Path file, LoadedModel model) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try {
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException("Population file " + name + ": no such file");
      }
      long size = Files.size(file);
      if (size > options.maxBytes()) {
        throw tooLarge(name, size);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(options.maxBytes() + 1, Integer.MAX_VALUE - 8));
      }
      if (bytes.length > options.maxBytes()) {
        throw tooLarge(name, bytes.length);
      }
      return read(bytes, name, model);
    } catch (IOException e) {
      throw new BackendUnavailableException("Population file " + name + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Reads file content; {@code name} appears in error messages. */
  public PopulationFile read(byte[] content, String name, LoadedModel model) {
    if (content.length > options.maxBytes()) {
      throw tooLarge(name, content.length);
    }
    String[] lines = TextDecoding.decode(content).split("\r\n|\n|\r", -1);
    int headerLine = -1;
    for (int i = 0; i < lines.length; i++) {
      if (!isSkipped(lines[i])) {
        headerLine = i;
        break;
      }
    }
    if (headerLine < 0) {
      throw new InvalidInputException("Population file " + name + " is empty: no header line");
    }
    char sep = CsvLine.separatorOf(lines[headerLine]);
    List<String> header = CsvLine.splitTrimmed(lines[headerLine], sep, name + " line " + (headerLine + 1));
    Header columns = interpret(header, name, model);

    List<PopulationIndividual> individuals = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (int i = headerLine + 1; i < lines.length; i++) {
      if (isSkipped(lines[i])) {
        continue;
      }
      String where = name + " line " + (i + 1);
      List<String> fields = CsvLine.splitTrimmed(lines[i], sep, where);
      if (fields.size() != header.size()) {
        throw new InvalidInputException(where + ": expected " + header.size() + " fields, found " + fields.size());
      }
      if (individuals.size() == options.maxIndividuals()) {
        throw new InvalidInputException("Population file " + name + " has more than " + options.maxIndividuals()
            + " individuals");
      }
      int id = parseId(fields.get(columns.idColumn), where);
      if (!ids.add(id)) {
        throw new InvalidInputException(where + ": IndividualId " + id + " appears more than once");
      }
      double[] values = new double[columns.parameters.size()];
      for (int p = 0; p < values.length; p++) {
        ParameterColumn c = columns.parameters.get(p);
        double raw = parseValue(fields.get(c.index()), where, header.get(c.index()));
        values[p] = c.unit() == null ? raw : c.unit().toBase(raw);
      }
      List<String> covariates = new ArrayList<>(columns.covariates.size());
      for (int c : columns.covariates) {
        covariates.add(fields.get(c));
      }
      individuals.add(new PopulationIndividual(id, covariates, values));
    }
    if (individuals.isEmpty()) {
      throw new InvalidInputException("Population file " + name + " has a header but no individuals");
    }
    List<String> paths = columns.parameters.stream().map(ParameterColumn::path).toList();
    List<String> covariateNames = columns.covariates.stream().map(header::get).toList();
    return new PopulationFile(new Population(paths, covariateNames, individuals), columns.skipped);
  }

  private static final class Header {
    int idColumn = -1;
    final List<ParameterColumn> parameters = new ArrayList<>();
    final List<Integer> covariates = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
  }

  private Header interpret(List<String> header, String name, LoadedModel model) {
    Map<String, QuantityInfo> quantities = new HashMap<>();
    for (QuantityInfo q : model.quantities()) {
      quantities.put(q.path(), q);
    }
    Header out = new Header();
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Set<String> seenColumns = new HashSet<>();
    Set<String> seenPaths = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i).strip();
      if (!seenColumns.add(column)) {
        problems.add("column '" + column + "' appears more than once");
        continue;
      }
      if (column.equalsIgnoreCase("IndividualId")) {
        out.idColumn = i;
        continue;
      }
      Matcher withUnit = HEADER_UNIT.matcher(column);
      boolean hasUnit = withUnit.matches();
      String path = hasUnit ? withUnit.group(1).strip() : column;
      if (!hasUnit && path.indexOf('|') < 0) {
        out.covariates.add(i);
        continue;
      }
      QuantityInfo q = resolve(path, quantities, model.name());
      if (q == null) {
        unknown.add(path);
        continue;
      }
      if (!seenPaths.add(q.path())) {
        problems.add("the quantity '" + q.path() + "' has more than one column");
        continue;
      }
      Unit unit = null;
      if (hasUnit) {
        String spelling = withUnit.group(2).strip();
        try {
          Dimension d = units.requireDimension(q.dimension());
          unit = units.unit(spelling, d);
        } catch (InvalidInputException e) {
          problems.add("column '" + column + "': unit '" + spelling + "' does not fit the dimension '"
              + q.dimension() + "' of " + q.path());
          continue;
        }
      }
      out.parameters.add(new ParameterColumn(i, q.path(), unit));
    }
    if (out.idColumn < 0) {
      problems.add(0, "no IndividualId column");
    }
    if (!unknown.isEmpty()) {
      if (options.skipUnknownPaths()) {
        out.skipped.addAll(unknown);
      } else {
        problems.add("no quantity of " + model.name() + " has the path"
            + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown.stream().map(p -> "'" + p + "'").toList()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Population file " + name + ": " + String.join("; ", problems));
    }
    return out;
  }

  /** The quantity of this path, also when the path starts with the simulation's name. */
  private static QuantityInfo resolve(String path, Map<String, QuantityInfo> quantities, String simulationName) {
    QuantityInfo exact = quantities.get(path);
    if (exact != null) {
      return exact;
    }
    int bar = path.indexOf('|');
    if (bar > 0 && path.substring(0, bar).equals(simulationName)) {
      return quantities.get(path.substring(bar + 1));
    }
    return null;
  }

  private static boolean isSkipped(String line) {
    return line.isBlank() || line.stripLeading().startsWith("#");
  }

  private static int parseId(String field, String where) {
    String s = field.strip();
    if (!INTEGER.matcher(s).matches() || Integer.parseInt(s) < 0) {
      throw new InvalidInputException(where + ": IndividualId '" + field + "' is not a non-negative integer");
    }
    return Integer.parseInt(s);
  }

  private static double parseValue(String field, String where, String column) {
    String s = field.strip();
    if (!NUMBER.matcher(s).matches()) {
      throw new InvalidInputException(where + ": value '" + field + "' of column '" + column.strip()
          + "' is not a number (the decimal separator is '.')");
    }
    double v = Double.parseDouble(s);
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(where + ": value '" + field + "' of column '" + column.strip() + "' is not finite");
    }
    return v;
  }

  private InvalidInputException tooLarge(String name, long size) {
    return new InvalidInputException("Population file " + name + " is " + size
        + " bytes, more than the limit of " + options.maxBytes() + " bytes");
  }
}
