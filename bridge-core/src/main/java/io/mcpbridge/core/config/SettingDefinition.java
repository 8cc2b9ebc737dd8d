package io.mcpbridge.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one configuration variable: its name, default, meaning and validation rule. The
 * catalog of definitions is the single source for parsing, {@code bridge config check} and the
 * configuration reference.
 *
 * @param name variable name
 * @param defaultValue the value used when unset, if any
 * @param secret whether the value must be masked in every output
 * @param aliases older names accepted with the same meaning (the canonical name wins)
 * @param area group heading in the reference, e.g. {@code Authentication}
 * @param meaning what the variable controls
 * @param rule how it is validated
 */
public record SettingDefinition(
    String name,
    Optional<String> defaultValue,
    boolean secret,
    List<String> aliases,
    String area,
    String meaning,
    String rule) {
  public SettingDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(rule, "rule");
  }
}
