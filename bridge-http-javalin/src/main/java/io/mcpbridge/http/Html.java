package io.mcpbridge.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the console's hand-written HTML: every value from outside goes through here. */
final class Html {
  private Html() {}

  /** Text or attribute value, escaped for HTML (both contexts, quotes included). */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** One path segment or query value, percent-encoded (then still escaped where it lands in HTML). */
  static String url(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
