package io.mcpbridge.http;

import io.javalin.Javalin;
import java.time.Clock;

/** Builds the HTTP edge: every route, filter and error mapping, declared up front. */
public final class JavalinHttpApp {
  private JavalinHttpApp() {}

  /**
   * Creates and starts the server.
   *
   * @param settings bind address, limits and identity of the process
   * @param clock the clock uptimes and timestamps are read from
   * @return the running server
   */
  public static RunningServer start(HttpSettings settings, Clock clock) {
    return new RunningServer(create(settings, clock).start());
  }

  /**
   * Creates the (unstarted) server.
   *
   * @param settings bind address, limits and identity of the process
   * @param clock the clock uptimes and timestamps are read from
   * @return a server to {@link Javalin#start()}
   */
  static Javalin create(HttpSettings settings, Clock clock) {
    HealthController health = new HealthController(settings, clock);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.http.maxRequestSize = settings.maxRequestBytes();
      config.routes.before(CorrelationIds::assign);
      config.routes.after(CorrelationIds::clear);
      config.routes.get("/health", health::health);
      HttpErrors.register(config);
    });
  }
}
