package io.mcpbridge.core.config;

import java.util.Objects;

/**
 * The value a variable ended up with, as {@code bridge config check} shows it.
 *
 * @param name variable name
 * @param shownValue the value with secrets masked; empty when unset without default
 * @param origin {@code default}, {@code environment}, {@code .env}, or {@code unset}; for an
 *     alias, the origin names the alias
 */
public record EffectiveSetting(String name, String shownValue, String origin) {
  public EffectiveSetting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shownValue, "shownValue");
    Objects.requireNonNull(origin, "origin");
  }
}
