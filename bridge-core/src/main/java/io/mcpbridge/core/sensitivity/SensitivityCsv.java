package io.mcpbridge.core.sensitivity;

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
