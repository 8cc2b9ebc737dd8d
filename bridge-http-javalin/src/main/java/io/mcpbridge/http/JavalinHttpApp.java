package io.mcpbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.mcpbridge.mcp.BridgeJson;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the HTTP edge: every route, filter and error mapping, declared up front. */
public final class JavalinHttpApp {
  private JavalinHttpApp() {}

  /**
   * Creates and starts the server.
   *
   * @param settings bind address, limits and identity of the process
   * @param services the ports it serves
   * @return the running server; closing it stops the server and its stream scheduler
   */
  public static RunningServer start(HttpSettings settings, HttpServices services) {
    return start(settings, services, java.util.Optional.empty());
  }

  /**
   * Creates and starts the server, with MCP Streamable HTTP at {@code /mcp} when given.
   *
   * @param mcp the MCP endpoint, if this server carries one
   * @return the running server; closing it stops the server and its stream scheduler
   */
  public static RunningServer start(HttpSettings settings, HttpServices services, java.util.Optional<McpEndpoint> mcp) {
    return start(settings, services, mcp, HttpObservability.none());
  }

  /**
   * Creates and starts the server, measuring its requests and serving {@code /metrics} as given.
   *
   * @param observability request metrics and the optional scrape route
   * @return the running server; closing it stops the server and its stream scheduler
   */
  public static RunningServer start(HttpSettings settings, HttpServices services, java.util.Optional<McpEndpoint> mcp,
      HttpObservability observability) {
    return start(settings, services, mcp, observability, java.util.Optional.empty());
  }

  /**
   * Creates and starts the server, with the web console at {@code /console} when given.
   *
   * @param console what the console needs; empty = no console
   * @return the running server; closing it stops the server and its stream scheduler
   */
  public static RunningServer start(HttpSettings settings, HttpServices services, java.util.Optional<McpEndpoint> mcp,
      HttpObservability observability, java.util.Optional<ConsoleSetup> console) {
    ScheduledExecutorService streams = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "bridge-sse");
      t.setDaemon(true);
      return t;
    });
    Javalin app = create(settings, services, mcp, streams, observability, console).start();
    return new RunningServer(app, streams);
  }

  static Javalin create(HttpSettings settings, HttpServices services, java.util.Optional<McpEndpoint> mcp,
      ScheduledExecutorService streams, HttpObservability observability) {
    return create(settings, services, mcp, streams, observability, java.util.Optional.empty());
  }

  static Javalin create(HttpSettings settings, HttpServices services, java.util.Optional<McpEndpoint> mcp,
      ScheduledExecutorService streams, HttpObservability observability, java.util.Optional<ConsoleSetup> console) {
    RequestTiming timing = new RequestTiming(observability.requests());
    java.util.Optional<MetricsRoute> metricsRoute = observability.exposition()
        .map(e -> new MetricsRoute(e, observability.bearerToken()));
    ObjectMapper json = BridgeJson.mapper();
    HealthController health = new HealthController(settings, services.audit(), services.health(), services.clock());
    ToolRoutes tools = new ToolRoutes(services.tools(), services.authenticator(), json);
    JobEventStreams events = new JobEventStreams(services.jobs(), services.jobFollower(), services.authenticator(), json, streams);
    java.util.Optional<McpHttpRoutes> mcpRoutes = mcp.map(m -> new McpHttpRoutes(m.server(), services.authenticator(),
        m.settings(), settings.host(), settings.maxRequestBytes(), json, services.clock()));
    ObjectNode openApi = OpenApiDocument.build(services.tools(), json, settings.version());
    // The same Origin/Host policy as /mcp (which checks it itself, answering in JSON-RPC) guards
    // every other route: a page that rebinds its name to a loopback address gets 403, not data.
    OriginPolicy origins = new OriginPolicy(mcp.map(m -> m.settings().allowedOrigins()).orElse(java.util.List.of()),
        settings.host());
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.http.maxRequestSize = settings.maxRequestBytes();
      config.jsonMapper(new JavalinJackson(json, false));
      config.routes.before(timing::start);
      config.routes.before(CorrelationIds::assign);
      config.routes.before(ctx -> {
        boolean exempt = ctx.path().equals("/health") || ctx.path().startsWith("/mcp")
            || metricsRoute.isPresent() && ctx.path().equals(MetricsRoute.PATH);
        if (!exempt && (!origins.originAllowed(ctx.header("Origin")) || !origins.hostAllowed(ctx.header("Host")))) {
          throw new io.mcpbridge.core.error.ForbiddenException("origin or host not allowed");
        }
      });
      config.routes.after(CorrelationIds::clear);
      config.routes.after(timing::finish);
      config.routes.get("/health", health::health);
      config.routes.get("/openapi.json", ctx -> ctx.json(openApi));
      metricsRoute.ifPresent(r -> r.register(config));
      mcpRoutes.ifPresent(r -> r.register(config));
      tools.register(config);
      PlotRoutes plots = new PlotRoutes(services.tools(), services.authenticator(), json);
      plots.register(config);
      events.register(config);
      console.ifPresent(c -> new ConsoleRoutes(c, services, events, plots, json).register(config));
      new AuditRoutes(services.audit(), services.authenticator()).register(config);
      HttpErrors.register(config);
    });
  }
}
