package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.http.HttpSettings;
import io.mcpbridge.http.JavalinHttpApp;
import io.mcpbridge.http.RunningServer;
import java.time.Clock;

/** Composition root of the server: builds adapters and the HTTP edge from the configuration. */
final class ServerWiring implements AutoCloseable {
  private final RunningServer http;

  private ServerWiring(RunningServer http) {
    this.http = http;
  }

  /** Builds and starts everything; the returned handle stops it again. */
  static ServerWiring start(AppConfig config, String version) {
    HttpSettings httpSettings = new HttpSettings(config.server().host(), config.server().port(),
        config.server().maxRequestBytes(), config.server().serviceName(), version,
        config.server().environment().wireName());
    // The tool ports (registry, job backend, audit) are not wired here yet: health only.
    return new ServerWiring(JavalinHttpApp.startHealthOnly(httpSettings, Clock.systemUTC()));
  }

  /** The bound port (useful when configured as 0). */
  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
  }
}
