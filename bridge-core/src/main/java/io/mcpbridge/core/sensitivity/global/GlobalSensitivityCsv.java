package io.mcpbridge.core.sensitivity.global;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of a global analysis. Sobol: {@code QuantityPath,Response,ParameterPath,S1,S1Low,S1High,
 * ST,STLow,STHigh,State}; Morris: {@code QuantityPath,Response,ParameterPath,Mu,MuStar,Sigma,State}.
 * Text is quoted as in OSP's sensitivity export, numbers are written so they read back exactly,
 * NaN as {@code NaN}.
 */
public final class GlobalSensitivityCsv {
  /** Header of a Sobol file. */
  public static final String SOBOL_HEADER =
      "\"QuantityPath\",\"Response\",\"ParameterPath\",\"S1\",\"S1Low\",\"S1High\",\"ST\",\"STLow\",\"STHigh\",\"State\"";
  /** Header of a Morris file. */
  public static final String MORRIS_HEADER =
      "\"QuantityPath\",\"Response\",\"ParameterPath\",\"Mu\",\"MuStar\",\"Sigma\",\"State\"";

  private GlobalSensitivityCsv() {}

  /** The file of {@code method}'s rows. */
  public static String toCsv(GlobalMethod method, List<GlobalSensitivityRow> rows) {
    StringBuilder out = new StringBuilder(method == GlobalMethod.SOBOL ? SOBOL_HEADER : MORRIS_HEADER).append('\n');
    for (GlobalSensitivityRow r : rows) {
      out.append(q(r.quantityPath())).append(',').append(q(r.response())).append(',').append(q(r.parameterPath()));
      double[] values = method == GlobalMethod.SOBOL
          ? new double[] {r.s1(), r.s1Low(), r.s1High(), r.st(), r.stLow(), r.stHigh()}
          : new double[] {r.mu(), r.muStar(), r.sigma()};
      for (double v : values) {
        out.append(',').append(Double.isNaN(v) ? "NaN" : Double.toString(v));
      }
      out.append(',').append(q(r.state())).append('\n');
    }
    return out.toString();
  }

  /** The method a file was written for, from its header. */
  public static GlobalMethod methodOf(String csv) {
    return csv.replace("\uFEFF", "").startsWith(SOBOL_HEADER) ? GlobalMethod.SOBOL : GlobalMethod.MORRIS;
  }

  /**
   * Reads what {@link #toCsv} wrote.
   *
   * @throws IllegalArgumentException if the header or a line does not fit either layout
   */
  public static List<GlobalSensitivityRow> read(String csv) {
    String[] lines = csv.replace("\uFEFF", "").split("\r?\n");
    boolean sobol = lines[0].equals(SOBOL_HEADER);
    if (!sobol && !lines[0].equals(MORRIS_HEADER)) {
      throw new IllegalArgumentException("not a global sensitivity file: unexpected header " + lines[0]);
    }
    int columns = sobol ? 10 : 7;
    List<GlobalSensitivityRow> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[i]);
      if (f.size() != columns) {
        throw new IllegalArgumentException("line " + (i + 1) + " has " + f.size() + " columns, not " + columns);
      }
      double nan = Double.NaN;
      out.add(sobol
          ? new GlobalSensitivityRow(f.get(0), f.get(1), f.get(2), d(f.get(3)), d(f.get(4)), d(f.get(5)), d(f.get(6)),
              d(f.get(7)), d(f.get(8)), nan, nan, nan, f.get(9))
          : new GlobalSensitivityRow(f.get(0), f.get(1), f.get(2), nan, nan, nan, nan, nan, nan, d(f.get(3)),
              d(f.get(4)), d(f.get(5)), f.get(6)));
    }
    return out;
  }

  private static double d(String text) {
    return Double.parseDouble(text);
  }

  private static String q(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
