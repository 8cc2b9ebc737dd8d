package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.http.Authenticator;
import io.mcpbridge.http.HttpServices;
import io.mcpbridge.http.HttpSettings;
import io.mcpbridge.http.JavalinHttpApp;
import io.mcpbridge.http.McpEndpoint;
import io.mcpbridge.http.McpHttpSettings;
import io.mcpbridge.http.RunningServer;
import io.mcpbridge.core.security.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Composition root of the server: the runtime behind the HTTP edge. */
final class ServerWiring implements AutoCloseable {
  private static final Duration MCP_SESSION_IDLE = Duration.ofMinutes(30);
  private static final int MCP_MAX_SESSIONS = 1000;

  private final BridgeRuntime runtime;
  private final RunningServer http;

  private ServerWiring(BridgeRuntime runtime, RunningServer http) {
    this.runtime = runtime;
    this.http = http;
  }

  /** Builds and starts everything; the returned handle stops it again. */
  static ServerWiring start(AppConfig config, String version) {
    Clock clock = Clock.systemUTC();
    BridgeRuntime runtime = BridgeRuntime.start(config, clock);
    try {
      HttpSettings httpSettings = new HttpSettings(config.server().host(), config.server().port(),
          config.server().maxRequestBytes(), config.server().serviceName(), version,
          config.server().environment().wireName());
      int perMinute = config.auth().rateLimitPerMinute();
      Authenticator authenticator = new Authenticator(runtime.tokenVerifier, config.auth().allowAnonymous(),
          perMinute > 0 ? Optional.of(new RateLimiter(perMinute, clock)) : Optional.empty(), Optional.of(runtime.audit), clock);
      McpHttpSettings mcpSettings = new McpHttpSettings(config.server().allowedOrigins(),
          config.auth().issuerUrl(), Optional.empty(), MCP_SESSION_IDLE, MCP_MAX_SESSIONS);
      RunningServer http = JavalinHttpApp.start(httpSettings,
          new HttpServices(runtime.tools, authenticator, runtime.registry, runtime.notifier, runtime.audit, clock, runtime.health),
          Optional.of(new McpEndpoint(runtime.mcpServer(version), mcpSettings)));
      return new ServerWiring(runtime, http);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** The bound port (useful when configured as 0). */
  int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
    runtime.close();
  }
}
