package io.mcpbridge.core.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A job's id. Opaque, URL-safe. */
public record JobId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public JobId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed id");
    }
  }

  /** A fresh random id. */
  public static JobId random() {
    return new JobId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
