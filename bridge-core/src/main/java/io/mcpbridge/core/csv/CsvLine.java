package io.mcpbridge.core.csv;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one CSV line as OSP tools and the bridge write them: RFC 4180 quoting (a field may
 * be wrapped in {@code "…"}, {@code ""} inside it is one quote, separators inside it are text),
 * {@code ,} or {@code ;} as separator, an optional UTF-8 byte-order mark at the start of a file.
 * Every reader of CSV in the product splits lines here, so quoting means the same in each format.
 *
 * <p>Strict: a quote inside an unquoted field, text after a closing quote or a quote left open is
 * an error naming the line and the field. Blanks around a quoted field are ignored.
 */
public final class CsvLine {
  private static final char BOM = '\uFEFF';

  private CsvLine() {}

  /** The line without a leading byte-order mark (the first line of a file may carry one). */
  public static String withoutBom(String line) {
    return !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
  }

  /** {@code ;} if the (header) line has a {@code ;} outside quotes, else {@code ,}. */
  public static char separatorOf(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ';' && !quoted) {
        return ';';
      }
    }
    return ',';
  }

  /**
   * The fields of a line, unquoted fields exactly as written (blanks kept).
   *
   * @param sep {@code ,} or {@code ;}
   * @param where names the line in error messages, e.g. {@code "pop.csv line 3"}
   * @throws InvalidInputException "{@code where}: …" if the quoting is malformed
   */
  public static List<String> split(String line, char sep, String where) {
    return split(line, sep, where, false);
  }

  /** As {@link #split}, with blanks around unquoted fields removed (quoted fields stay verbatim). */
  public static List<String> splitTrimmed(String line, char sep, String where) {
    return split(line, sep, where, true);
  }

  /** The field written for a CSV line: quoted if it holds a separator, a quote or surrounding blanks. */
  public static String quote(String field) {
    boolean plain = field.indexOf(',') < 0 && field.indexOf(';') < 0 && field.indexOf('"') < 0
        && field.indexOf('\n') < 0 && field.indexOf('\r') < 0 && field.equals(field.strip());
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }

  private static List<String> split(String line, char sep, String where, boolean trim) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch != '"') {
          cur.append(ch);
        } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (ch == '"') {
        if (wasQuoted || !cur.toString().isBlank()) {
          throw new InvalidInputException(where + ": unexpected quote in field " + (out.size() + 1));
        }
        cur.setLength(0); // blanks before the opening quote are not part of the field
        quoted = true;
        wasQuoted = true;
      } else if (ch == sep) {
        out.add(field(cur, wasQuoted, trim));
        cur.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(ch)) {
          throw new InvalidInputException(where + ": text after the closing quote in field " + (out.size() + 1));
        }
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new InvalidInputException(where + ": unterminated quoted field " + (out.size() + 1));
    }
    out.add(field(cur, wasQuoted, trim));
    return out;
  }

  private static String field(StringBuilder cur, boolean wasQuoted, boolean trim) {
    return trim && !wasQuoted ? cur.toString().strip() : cur.toString();
  }
}
