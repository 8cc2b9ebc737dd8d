package io.mcpbridge.core.config;

import java.util.Locale;
import java.util.Optional;

/** The deployment environment a process runs in; it decides which shortcuts are allowed. */
public enum Environment {
  DEVELOPMENT,
  LOCAL,
  TEST,
  STAGING,
  PRODUCTION;

  /** Lowercase name as written in {@code ENVIRONMENT}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Development, local or test: development secrets and anonymous access may be enabled. */
  public boolean allowsDevelopmentShortcuts() {
    return this == DEVELOPMENT || this == LOCAL || this == TEST;
  }

  /** Staging or production: real identity, durable storage and audit are required. */
  public boolean isProtected() {
    return this == STAGING || this == PRODUCTION;
  }

  /** Parses a lowercase or uppercase environment name. */
  public static Optional<Environment> parse(String text) {
    for (Environment e : values()) {
      if (e.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
