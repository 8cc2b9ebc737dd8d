package io.mcpbridge.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for the audit trail's own lines, so that every store decodes
 * them with the same code (also used for job messages). Objects become {@code Map<String, Object>} (duplicate keys are refused),
 * arrays {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, and the
 * literals {@code Boolean} or {@code null}. Any error is an {@link IllegalArgumentException}.
 */
public final class JsonText {
  private static final int MAX_DEPTH = 32;

  private final String text;
  private int at;

  private JsonText(String text) {
    this.text = text;
  }

  /** Parses one JSON value that must span the whole text (surrounding whitespace allowed). */
  public static Object parse(String text) {
    JsonText reader = new JsonText(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.at != text.length()) {
      throw reader.error("unexpected content after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    skipWhitespace();
    if (peek('}')) {
      at++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (!peek('"')) {
        throw error("expected a member name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value(depth + 1);
      if (members.containsKey(name)) {
        throw error("duplicate member " + name);
      }
      members.put(name, value);
      skipWhitespace();
      if (peek(',')) {
        at++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> elements = new ArrayList<>();
    at++;
    skipWhitespace();
    if (peek(']')) {
      at++;
      return elements;
    }
    while (true) {
      skipWhitespace();
      elements.add(value(depth + 1));
      skipWhitespace();
      if (peek(',')) {
        at++;
      } else {
        expect(']');
        return elements;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': out.append(unicodeEscape()); break;
        default: throw error("invalid escape \\" + e);
      }
    }
  }

  private char unicodeEscape() {
    if (at + 4 > text.length()) {
      throw error("short \\u escape");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
      at += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("invalid \\u escape");
    }
  }

  private Object number() {
    int start = at;
    if (peek('-')) {
      at++;
    }
    if (peek('0')) {
      at++;
    } else {
      digits();
    }
    boolean integral = true;
    if (peek('.')) {
      integral = false;
      at++;
      digits();
    }
    if (peek('e') || peek('E')) {
      integral = false;
      at++;
      if (peek('+') || peek('-')) {
        at++;
      }
      digits();
    }
    String literal = text.substring(start, at);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        // beyond a long: fall through to a double
      }
    }
    return Double.parseDouble(literal);
  }

  private void digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    if (at == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("invalid literal");
    }
    at += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not valid JSON (" + what + " at offset " + at + ")");
  }
}
