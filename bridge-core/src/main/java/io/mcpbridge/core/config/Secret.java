package io.mcpbridge.core.config;

import java.util.Objects;

/**
 * A secret value (signing key, password-bearing URL). {@link #toString()} never reveals it, so a
 * settings record can be logged safely.
 */
public final class Secret {
  private static final String MASK = "****";
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a secret value. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself; call only where it is used, never to log or print. */
  public String reveal() {
    return value;
  }

  /** Length in UTF-8 bytes, for strength checks that must not print the value. */
  public int byteLength() {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
