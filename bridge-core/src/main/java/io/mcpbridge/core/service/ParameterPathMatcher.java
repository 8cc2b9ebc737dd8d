package io.mcpbridge.core.service;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.sensitivity.PathPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OSP's wildcard semantics for quantity paths: {@code *} is one level, {@code **} any number of
 * levels (including none), {@code *} inside a segment is a glob within that segment; matching is
 * case-insensitive and anchored. A segment that contains {@code **} but is not exactly
 * {@code **} is an error; a trailing {@code **} means "all descendants".
 *
 * <p>Matching is segment by segment (no regular expressions), in O(pattern segments × path
 * segments × segment length) whatever the pattern, so no pattern can make a request expensive.
 */
public final class ParameterPathMatcher implements PathPatterns.Pattern {
  /** Longest accepted pattern, in segments; deeper than any model tree. */
  static final int MAX_SEGMENTS = 64;
  private static final String ANY_DEPTH = "**";

  private final List<String> segments;
  private final boolean wildcard;

  private ParameterPathMatcher(List<String> segments, boolean wildcard) {
    this.segments = segments;
    this.wildcard = wildcard;
  }

  /**
   * Compiles a pattern.
   *
   * @throws InvalidInputException for a malformed pattern
   */
  public static ParameterPathMatcher compile(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("a path pattern is required");
    }
    String[] raw = text.split("\\|", -1);
    if (raw.length > MAX_SEGMENTS) {
      throw new InvalidInputException("path pattern has " + raw.length + " segments; at most " + MAX_SEGMENTS);
    }
    List<String> segments = new ArrayList<>();
    for (String s : raw) {
      if (s.isEmpty()) {
        throw new InvalidInputException("path pattern '" + text + "' has an empty segment");
      }
      if (!s.equals(ANY_DEPTH) && s.contains(ANY_DEPTH)) {
        throw new InvalidInputException("path pattern segment '" + s + "' mixes ** with text; use * within a segment");
      }
      // Consecutive ** mean the same as one.
      if (s.equals(ANY_DEPTH) && !segments.isEmpty() && segments.get(segments.size() - 1).equals(ANY_DEPTH)) {
        continue;
      }
      segments.add(s.toLowerCase(Locale.ROOT));
    }
    if (segments.get(segments.size() - 1).equals(ANY_DEPTH)) {
      segments.add("*"); // "A|**" means every descendant of A, not A itself
    }
    return new ParameterPathMatcher(List.copyOf(segments), text.contains("*"));
  }

  /** True if the pattern contains a wildcard. */
  @Override
  public boolean isWildcard() {
    return wildcard;
  }

  /** True if the path matches. */
  @Override
  public boolean matches(String path) {
    String[] parts = path.toLowerCase(Locale.ROOT).split("\\|", -1);
    int n = segments.size();
    int m = parts.length;
    // reachable[j]: the pattern's first i segments can consume exactly the path's first j segments.
    boolean[] reachable = new boolean[m + 1];
    reachable[0] = true;
    for (int i = 0; i < n; i++) {
      String segment = segments.get(i);
      boolean[] next = new boolean[m + 1];
      if (segment.equals(ANY_DEPTH)) {
        boolean any = false;
        for (int j = 0; j <= m; j++) {
          any |= reachable[j];
          next[j] = any; // zero or more whole levels
        }
      } else {
        for (int j = 0; j < m; j++) {
          if (reachable[j] && globMatches(segment, parts[j])) {
            next[j + 1] = true;
          }
        }
      }
      reachable = next;
    }
    return reachable[m];
  }

  /** Glob within one segment: {@code *} is any run of characters; linear time with one backtrack point. */
  static boolean globMatches(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        resume = t;
      } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (star >= 0) {
        g = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  @Override
  public String toString() {
    return String.join("|", segments);
  }
}
