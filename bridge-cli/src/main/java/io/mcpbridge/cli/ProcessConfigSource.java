package io.mcpbridge.cli;

import io.mcpbridge.core.port.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The process environment over an optional {@code .env} file in the working directory; the environment wins. */
final class ProcessConfigSource implements ConfigSource {
  private final Map<String, String> environment;
  private final Map<String, String> dotEnv;

  ProcessConfigSource(Map<String, String> environment, Map<String, String> dotEnv) {
    this.environment = Map.copyOf(environment);
    this.dotEnv = Map.copyOf(dotEnv);
  }

  /** Reads {@code System.getenv()} and {@code ./.env}. */
  static ProcessConfigSource fromProcess() {
    return new ProcessConfigSource(System.getenv(), DotEnvFile.read(Path.of(".env")));
  }

  @Override
  public Optional<String> get(String key) {
    String fromEnv = environment.get(key);
    if (fromEnv != null) {
      return Optional.of(fromEnv);
    }
    return Optional.ofNullable(dotEnv.get(key));
  }

  @Override
  public Optional<String> origin(String key) {
    if (environment.containsKey(key)) {
      return Optional.of("environment");
    }
    return dotEnv.containsKey(key) ? Optional.of(".env") : Optional.empty();
  }
}
