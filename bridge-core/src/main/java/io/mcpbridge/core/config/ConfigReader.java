package io.mcpbridge.core.config;

import io.mcpbridge.core.config.ConfigProblem.Severity;
import io.mcpbridge.core.port.ConfigSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values from a {@link ConfigSource}, remembering where each came from and collecting
 * every problem instead of stopping at the first. A malformed value is reported and replaced by
 * the default, so validation can go on.
 */
final class ConfigReader {
  private final ConfigSource source;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<String, EffectiveSetting> effective = new LinkedHashMap<>();

  ConfigReader(ConfigSource source) {
    this.source = source;
  }

  /** The raw value of a variable (canonical name first, then aliases) or its default. */
  Optional<String> raw(String name) {
    SettingDefinition def = ConfigCatalog.get(name);
    Optional<String> set = lookup(def.name());
    String origin = set.isPresent() ? source.origin(def.name()).orElse("environment") : null;
    if (set.isEmpty()) {
      for (String alias : def.aliases()) {
        set = lookup(alias);
        if (set.isPresent()) {
          origin = source.origin(alias).orElse("environment") + " (alias " + alias + ")";
          break;
        }
      }
    }
    if (set.isPresent()) {
      effective.put(name, new EffectiveSetting(name, shown(def, set.get()), origin));
      return set;
    }
    effective.put(name, new EffectiveSetting(name, def.defaultValue().orElse(""),
        def.defaultValue().isPresent() ? "default" : "unset"));
    return def.defaultValue();
  }

  /** Whether the variable (or an alias) is explicitly set. */
  boolean isSet(String name) {
    SettingDefinition def = ConfigCatalog.get(name);
    if (lookup(def.name()).isPresent()) {
      return true;
    }
    return def.aliases().stream().anyMatch(a -> lookup(a).isPresent());
  }

  private Optional<String> lookup(String key) {
    return source.get(key).filter(v -> !v.isBlank()).map(String::trim);
  }

  String string(String name) {
    return raw(name).orElse("");
  }

  Optional<String> optional(String name) {
    return raw(name);
  }

  int integer(String name, int min, int max) {
    Optional<String> value = raw(name);
    int fallback = ConfigCatalog.get(name).defaultValue().map(Integer::parseInt).orElse(min);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        error(name, value.get(), "must be between " + min + " and " + max);
        return fallback;
      }
      return parsed;
    } catch (NumberFormatException e) {
      error(name, value.get(), "is not a whole number");
      return fallback;
    }
  }

  /** An optional positive integer: empty when unset, reported when malformed. */
  Optional<Integer> optionalInteger(String name, int min, int max) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        error(name, value.get(), "must be between " + min + " and " + max);
        return Optional.empty();
      }
      return Optional.of(parsed);
    } catch (NumberFormatException e) {
      error(name, value.get(), "is not a whole number");
      return Optional.empty();
    }
  }

  boolean bool(String name) {
    Optional<String> value = raw(name);
    boolean fallback = ConfigCatalog.get(name).defaultValue().map(Boolean::parseBoolean).orElse(false);
    if (value.isEmpty()) {
      return fallback;
    }
    switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on":
        return true;
      case "false": case "0": case "no": case "off":
        return false;
      default:
        error(name, value.get(), "is not a boolean (use true or false)");
        return fallback;
    }
  }

  /** A value from a closed set; {@code parser} returns empty for unknown words. */
  <T> T choice(String name, Function<String, Optional<T>> parser, String allowed, T fallback) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return fallback;
    }
    Optional<T> parsed = parser.apply(value.get().toLowerCase(Locale.ROOT));
    if (parsed.isEmpty()) {
      error(name, value.get(), "must be one of " + allowed);
      return fallback;
    }
    return parsed.get();
  }

  /** An optional value from a closed set: empty when unset or malformed (then reported). */
  <T> Optional<T> optionalChoice(String name, Function<String, Optional<T>> parser, String allowed) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> parsed = parser.apply(value.get().toLowerCase(Locale.ROOT));
    if (parsed.isEmpty()) {
      error(name, value.get(), "must be one of " + allowed);
    }
    return parsed;
  }

  /** An optional absolute URL with one of the given schemes. */
  Optional<URI> url(String name, Set<String> schemes) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    SettingDefinition def = ConfigCatalog.get(name);
    String shown = shown(def, value.get());
    try {
      URI uri = new URI(value.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!schemes.contains(scheme)) {
        problems.add(new ConfigProblem(Severity.ERROR, name, shown,
            "scheme must be one of " + String.join(", ", schemes.stream().sorted().toList())));
        return Optional.empty();
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        problems.add(new ConfigProblem(Severity.ERROR, name, shown, "is not an absolute URL with a host"));
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problems.add(new ConfigProblem(Severity.ERROR, name, shown, "is not a valid URL"));
      return Optional.empty();
    }
  }

  Optional<Secret> secret(String name) {
    return raw(name).map(Secret::of);
  }

  void error(String name, String rawValue, String message) {
    problems.add(new ConfigProblem(Severity.ERROR, name, shown(ConfigCatalog.get(name), rawValue), message));
  }

  void warning(String name, String rawValue, String message) {
    problems.add(new ConfigProblem(Severity.WARNING, name, shown(ConfigCatalog.get(name), rawValue), message));
  }

  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  List<EffectiveSetting> effective() {
    List<EffectiveSetting> ordered = new ArrayList<>();
    for (SettingDefinition def : ConfigCatalog.all()) {
      EffectiveSetting e = effective.get(def.name());
      ordered.add(e != null ? e : new EffectiveSetting(def.name(), def.defaultValue().orElse(""), "unset"));
    }
    return ordered;
  }

  /** What may be shown of a value: secrets masked, credentials in URLs masked. */
  static String shown(SettingDefinition def, String value) {
    if (!def.secret() || value.isEmpty()) {
      return value;
    }
    return SecretMasking.mask(value);
  }
}
