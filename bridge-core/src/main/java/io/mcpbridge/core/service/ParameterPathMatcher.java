package io.mcpbridge.core.service;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * OSP's wildcard semantics for quantity paths: {@code *} is one level, {@code **} any number of
 * levels (including none), {@code *} inside a segment is a glob within that segment; matching is
 * case-insensitive and anchored. A segment that contains {@code **} but is not exactly
 * {@code **} is an error; a trailing {@code **} means "all descendants".
 */
public final class ParameterPathMatcher {
  private final Pattern pattern;
  private final boolean wildcard;

  private ParameterPathMatcher(Pattern pattern, boolean wildcard) {
    this.pattern = pattern;
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
    String[] segments = text.split("\\|", -1);
    boolean wildcard = text.contains("*");
    if (segments[segments.length - 1].equals("**")) {
      String[] extended = java.util.Arrays.copyOf(segments, segments.length + 1);
      extended[segments.length] = "*";
      segments = extended;
    }
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      if (s.isEmpty()) {
        throw new InvalidInputException("path pattern '" + text + "' has an empty segment");
      }
      if (s.equals("**")) {
        regex.append("(?:[^|]+\\|)*");
        continue;
      }
      if (s.contains("**")) {
        throw new InvalidInputException("path pattern segment '" + s + "' mixes ** with text; use * within a segment");
      }
      // Literal text is quoted (unlike OSP, which leaves regex metacharacters live): a path
      // containing '.' or '+' then matches itself only.
      String[] parts = s.split("\\*", -1);
      StringBuilder segRegex = new StringBuilder();
      for (int p = 0; p < parts.length; p++) {
        if (p > 0) {
          segRegex.append("[^|]*");
        }
        segRegex.append(Pattern.quote(parts[p]));
      }
      regex.append(segRegex);
      if (!last) {
        regex.append("\\|");
      }
    }
    regex.append("$");
    return new ParameterPathMatcher(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
        wildcard);
  }

  /** True if the pattern contains a wildcard. */
  public boolean isWildcard() {
    return wildcard;
  }

  /** True if the path matches. */
  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return pattern.pattern().toLowerCase(Locale.ROOT);
  }
}
