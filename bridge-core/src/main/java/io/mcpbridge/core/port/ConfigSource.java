package io.mcpbridge.core.port;

import java.util.Optional;

/**
 * A key-value lookup the typed configuration is built from (environment, {@code .env}, a map in
 * tests). Only launchers create sources that read the process environment. Thread-safe.
 */
public interface ConfigSource {

  /**
   * Looks up a variable.
   *
   * @param key variable name, e.g. {@code JOB_BACKEND}
   * @return the raw value, or empty if the variable is not set; never null
   */
  Optional<String> get(String key);

  /**
   * Tells where a variable's value comes from, for {@code bridge config check}.
   *
   * @param key variable name
   * @return e.g. {@code environment} (the default) or {@code .env}; empty if not set
   */
  default Optional<String> origin(String key) {
    return get(key).map(v -> "environment");
  }
}
