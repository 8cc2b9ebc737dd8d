package io.mcpbridge.audit.s3;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Objects;

/**
 * Where a trail lives: a bucket and a key prefix (without leading or trailing slash; empty for the
 * bucket root).
 *
 * @param bucket bucket name
 * @param prefix key prefix
 */
public record S3Location(String bucket, String prefix) {
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank() || bucket.contains("/")) {
      throw new InvalidInputException("not a bucket name: '" + bucket + "'");
    }
    prefix = strip(Objects.requireNonNull(prefix, "prefix"));
  }

  /**
   * Parses {@code s3://bucket/prefix}.
   *
   * @throws InvalidInputException if the text is not such a URL
   */
  public static S3Location parse(String url) {
    if (!url.startsWith("s3://")) {
      throw new InvalidInputException("not an s3:// location: " + url);
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The full key of a path below the prefix. */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  /** The path of a key below the prefix. */
  String relative(String key) {
    return prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  private static String strip(String p) {
    String s = p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
