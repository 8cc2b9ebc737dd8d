package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.csv.CsvLine;
import io.mcpbridge.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * OSP's export layout of sensitivity results ({@code exportSensitivityAnalysisResultsToCSV}):
 * a header {@code "QuantityPath","Parameter","PKParameter","Value","ParameterPath"}, text quoted,
 * values with 15 significant digits as R writes them, NaN as {@code NaN}.
 */
public final class SensitivityCsv {
  /** The header line. */
  public static final String HEADER = "\"QuantityPath\",\"Parameter\",\"PKParameter\",\"Value\",\"ParameterPath\"";

  private SensitivityCsv() {}

  /** Writes the entries in their order, one line each after the header ({@code \n} line ends). */
  public static void write(List<PkSensitivity> entries, Writer out) {
    try {
      out.write(HEADER);
      out.write('\n');
      for (PkSensitivity e : entries) {
        out.write(quoted(e.quantityPath()) + "," + quoted(e.parameterName()) + "," + quoted(e.pkParameter()) + ","
            + number(e.value()) + "," + quoted(e.parameterPath()));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole CSV as a string. */
  public static String toCsv(List<PkSensitivity> entries) {
    java.io.StringWriter w = new java.io.StringWriter();
    write(entries, w);
    return w.toString();
  }

  /**
   * Reads what {@link #write} wrote (or OSP exported): quoted fields, a header line first. A NaN
   * value is a sensitivity OSP could not compute.
   *
   * @throws InvalidInputException if a line does not have the five columns or its quoting is malformed
   */
  public static List<PkSensitivity> read(String csv) {
    List<PkSensitivity> out = new java.util.ArrayList<>();
    String[] lines = csv.replace("\uFEFF", "").split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = CsvLine.split(lines[i], ',', "sensitivity CSV line " + (i + 1));
      if (f.size() != 5) {
        throw new InvalidInputException("sensitivity CSV line " + (i + 1) + " has " + f.size() + " columns, not 5");
      }
      double value = parse(f.get(3));
      out.add(new PkSensitivity(f.get(0), f.get(1), f.get(4), f.get(2), value,
          Double.isNaN(value) ? SensitivityState.FAILED_TO_CALCULATE_DEFAULT_PK_VALUE : SensitivityState.SUCCESS));
    }
    return out;
  }

  private static double parse(String text) {
    return switch (text) {
      case "NaN", "NA" -> Double.NaN;
      case "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toPlainString();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
