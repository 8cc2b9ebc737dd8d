package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plot part of results URIs, {@code {resultsId}/plot.png?output=…&scale=log}, as plot_results
 * arguments. REST's {@code GET /results/{resultsId}/plot.png} takes the same query parameters.
 */
public final class PlotUris {
  private static final Pattern PLOT = Pattern.compile("([^/?]+)/plot\\.(png|svg)(?:\\?(.*))?");
  private static final Set<String> TEXT_PARAMETERS = Set.of("scale", "unit");
  private static final Set<String> NUMBER_PARAMETERS = Set.of("width", "height");

  private PlotUris() {}

  /** True if the part after {@code bridge://results/} names a plot. */
  static boolean isPlot(String tail) {
    return PLOT.matcher(tail).matches();
  }

  /**
   * plot_results arguments of {@code {resultsId}/plot.{png|svg}[?query]}.
   *
   * @throws IllegalArgumentException if it is not a plot, or a query parameter is unknown or malformed
   */
  static ObjectNode arguments(String tail, ObjectMapper json) {
    Matcher m = PLOT.matcher(tail);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a plot");
    }
    ObjectNode args = json.createObjectNode();
    args.put("resultsId", m.group(1));
    args.put("format", m.group(2));
    if (m.group(3) != null && !m.group(3).isEmpty()) {
      for (String pair : m.group(3).split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        add(args, name, value);
      }
    }
    return args;
  }

  /**
   * Adds one query parameter ({@code output} repeatable; {@code scale}, {@code unit}, {@code width},
   * {@code height}) to plot_results arguments.
   *
   * @throws IllegalArgumentException for an unknown parameter or a size that is not a number
   */
  public static void add(ObjectNode args, String name, String value) {
    if ("output".equals(name)) {
      com.fasterxml.jackson.databind.JsonNode paths = args.get("outputPaths");
      (paths == null ? args.putArray("outputPaths") : (com.fasterxml.jackson.databind.node.ArrayNode) paths).add(value);
    } else if (TEXT_PARAMETERS.contains(name)) {
      args.put(name, value);
    } else if (NUMBER_PARAMETERS.contains(name)) {
      try {
        args.put(name, Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number of pixels, not '" + value + "'");
      }
    } else {
      throw new IllegalArgumentException("unknown query parameter '" + name
          + "'; known: output, scale, unit, width, height");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
