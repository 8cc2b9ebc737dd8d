package io.mcpbridge.core.error;

import java.util.Objects;

/**
 * One field-level problem attached to an error.
 *
 * @param field the offending field, argument or configuration variable
 * @param issue what is wrong with it, in words a user can act on
 * @param severity {@code error} or {@code warning}
 */
public record ErrorDetail(String field, String issue, String severity) {
  public ErrorDetail {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(issue, "issue");
    Objects.requireNonNull(severity, "severity");
  }

  /** An error-severity detail. */
  public static ErrorDetail error(String field, String issue) {
    return new ErrorDetail(field, issue, "error");
  }
}
