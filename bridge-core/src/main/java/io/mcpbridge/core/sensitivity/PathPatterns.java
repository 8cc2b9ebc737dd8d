package io.mcpbridge.core.sensitivity;

/**
 * Compiles the OSP path patterns users select parameters with ({@code *} one level, {@code **} any
 * depth, case-insensitive). Supplied by the application (its parameter-path matcher), so that
 * selection here follows exactly the wildcard rules of {@code list_parameters}.
 */
@FunctionalInterface
public interface PathPatterns {

  /**
   * Compiles one pattern.
   *
   * @throws io.mcpbridge.core.error.InvalidInputException for a malformed pattern
   */
  Pattern compile(String text);

  /** A compiled pattern. */
  interface Pattern {
    /** True if the pattern has wildcards (else it names one path). */
    boolean isWildcard();

    /** Whether a quantity path matches. */
    boolean matches(String path);
  }
}
