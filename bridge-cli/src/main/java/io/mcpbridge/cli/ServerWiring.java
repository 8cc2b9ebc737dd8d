package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.port.TokenVerifier;
import io.mcpbridge.core.port.AuthMetrics;
import io.mcpbridge.core.port.MetricsExposition;
import io.mcpbridge.core.port.NoMetrics;
import io.mcpbridge.http.Authenticator;
import io.mcpbridge.http.ConsoleSetup;
import io.mcpbridge.http.HttpObservability;
import io.mcpbridge.metrics.MetricsHttpServer;
import io.mcpbridge.metrics.PrometheusMetrics;
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
  private final Optional<MetricsHttpServer> metricsListener;

  private ServerWiring(BridgeRuntime runtime, RunningServer http, Optional<MetricsHttpServer> metricsListener) {
    this.runtime = runtime;
    this.http = http;
    this.metricsListener = metricsListener;
  }

  /** Builds and starts everything; the returned handle stops it again. */
  static ServerWiring start(AppConfig config, String version) {
    Clock clock = Clock.systemUTC();
    BridgeRuntime runtime = BridgeRuntime.start(config, clock, BridgeRuntime.Use.SERVE);
    Optional<MetricsHttpServer> metricsListener = Optional.empty();
    try {
      Optional<String> metricsToken = config.metrics().token().map(io.mcpbridge.core.config.Secret::reveal);
      boolean ownPort = config.metrics().port() != 0;
      if (ownPort && runtime.metrics.isPresent()) {
        // Without TCP_NODELAY the JDK server waits for delayed ACKs (~40 ms per scrape).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        metricsListener = Optional.of(MetricsHttpServer.start(config.server().host(), config.metrics().port(),
            runtime.metrics.get(), metricsToken));
      }
      HttpObservability observability = runtime.metrics
          .map(m -> new HttpObservability(m.requests(),
              ownPort ? Optional.<MetricsExposition>empty() : Optional.<MetricsExposition>of(m), metricsToken))
          .orElse(HttpObservability.none());
      AuthMetrics authMetrics = runtime.metrics.<AuthMetrics>map(PrometheusMetrics::auth).orElse(NoMetrics.INSTANCE);
      HttpSettings httpSettings = new HttpSettings(config.server().host(), config.server().port(),
          config.server().maxRequestBytes(), config.server().serviceName(), version,
          config.server().environment().wireName());
      int perMinute = config.auth().rateLimitPerMinute();
      Optional<TokenVerifier> verifier = AuthWiring.tokenVerifier(config, clock);
      Authenticator authenticator = new Authenticator(verifier, config.auth().allowAnonymous(),
          perMinute > 0 ? Optional.of(new RateLimiter(perMinute, clock)) : Optional.empty(), Optional.of(runtime.audit),
          authMetrics, clock);
      McpHttpSettings mcpSettings = new McpHttpSettings(config.server().allowedOrigins(),
          config.auth().issuerUrl(), Optional.empty(), MCP_SESSION_IDLE, MCP_MAX_SESSIONS);
      RunningServer http = JavalinHttpApp.start(httpSettings,
          new HttpServices(runtime.tools, authenticator, runtime.registry, runtime.follower, runtime.audit, clock, runtime.health),
          Optional.of(new McpEndpoint(runtime.mcpServer(version), mcpSettings)), observability, console(config, verifier));
      return new ServerWiring(runtime, http, metricsListener);
    } catch (RuntimeException e) {
      metricsListener.ifPresent(MetricsHttpServer::close);
      runtime.close();
      throw e;
    }
  }

  /** The web console's needs, when it is enabled (the configuration rules ensure someone can sign in). */
  private static Optional<ConsoleSetup> console(AppConfig config, Optional<TokenVerifier> verifier) {
    if (!config.console().enabled() || verifier.isEmpty()) {
      return Optional.empty();
    }
    boolean developmentTokens = config.auth().devSecret().isPresent()
        && config.server().environment().allowsDevelopmentShortcuts();
    return Optional.of(new ConsoleSetup(config.console(), verifier.get(),
        config.auth().issuerUrl().filter(i -> config.console().clientId().isPresent()), developmentTokens));
  }

  /** The bound port (useful when configured as 0). */
  int port() {
    return http.port();
  }

  /** The port of the separate metrics listener, when METRICS_PORT gives it one. */
  Optional<Integer> metricsPort() {
    return metricsListener.map(MetricsHttpServer::port);
  }

  @Override
  public void close() {
    http.close();
    metricsListener.ifPresent(MetricsHttpServer::close);
    runtime.close();
  }
}
