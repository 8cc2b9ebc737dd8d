package io.mcpbridge.core.population;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One-line CSV fields as OSP tools write them: RFC-4180 quotes ({@code ""} inside a quoted field),
 * {@code ,} or {@code ;} as separator (an unquoted {@code ;} in the header line selects {@code ;}).
 */
final class CsvFields {
  private CsvFields() {}

  /** {@code ;} if the header line has an unquoted one, else {@code ,}. */
  static char separatorOf(String header) {
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char ch = header.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ';' && !quoted) {
        return ';';
      }
    }
    return ',';
  }

  /** The fields of one line; {@code where} prefixes error messages (file and line). */
  static List<String> split(String line, char sep, String where) {
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
        if (!cur.toString().isBlank() || wasQuoted) {
          throw new InvalidInputException(where + ": unexpected quote in field " + (out.size() + 1));
        }
        cur.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (ch == sep) {
        out.add(wasQuoted ? cur.toString() : cur.toString().strip());
        cur.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(ch)) {
        throw new InvalidInputException(where + ": text after the closing quote in field " + (out.size() + 1));
      } else if (!wasQuoted) {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new InvalidInputException(where + ": unterminated quoted field " + (out.size() + 1));
    }
    out.add(wasQuoted ? cur.toString() : cur.toString().strip());
    return out;
  }

  /** The field quoted if it contains the separator, a quote or surrounding blanks. */
  static String quote(String field) {
    boolean plain = field.indexOf(',') < 0 && field.indexOf(';') < 0 && field.indexOf('"') < 0
        && field.equals(field.strip());
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }
}
