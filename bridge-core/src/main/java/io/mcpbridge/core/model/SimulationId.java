package io.mcpbridge.core.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A loaded simulation's id (all its revisions share it). Opaque, URL-safe. */
public record SimulationId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public SimulationId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed id");
    }
  }

  /** A fresh random id. */
  public static SimulationId random() {
    return new SimulationId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
