package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.cli.conformance.ConformanceFixtures;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.http.Authenticator;
import io.mcpbridge.http.HttpServices;
import io.mcpbridge.http.HttpSettings;
import io.mcpbridge.http.JavalinHttpApp;
import io.mcpbridge.http.McpEndpoint;
import io.mcpbridge.http.McpHttpSettings;
import io.mcpbridge.http.RunningServer;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.BridgeMcp;
import io.mcpbridge.mcp.ListChanges;
import io.mcpbridge.mcp.McpServer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The bridge as {@code bridge serve} builds it from the environment, with the conformance suite's
 * fixtures added to its MCP features and without authentication (the suite sends no token). Test
 * code only: {@code make compliance} starts it from the test classes beside {@code bridge.jar}.
 * Stops on SIGTERM.
 */
public final class ConformanceFixtureServer {
  private ConformanceFixtureServer() {}

  public static void main(String[] args) throws Exception {
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    LoggingSetup.configure(config.server().logLevel(), config.server().logFormat(), LoggingSetup.Target.STDOUT);
    Clock clock = Clock.systemUTC();
    ObjectMapper json = BridgeJson.mapper();
    BridgeRuntime runtime = BridgeRuntime.start(config, clock, BridgeRuntime.Use.STDIO);
    ListChanges listChanges = ListChanges.announced();
    McpServer mcp = new McpServer(BridgeMcp.info("conformance-fixtures"),
        ConformanceFixtures.around(BridgeMcp.features(runtime.mcpServices(), json), json, listChanges), json, listChanges);
    HttpSettings http = new HttpSettings(config.server().host(), config.server().port(), config.server().maxRequestBytes(),
        config.server().serviceName(), "conformance-fixtures", config.server().environment().wireName());
    Authenticator anonymous = new Authenticator(Optional.empty(), true, Optional.empty());
    RunningServer server = JavalinHttpApp.start(http,
        new HttpServices(runtime.tools, anonymous, runtime.registry, runtime.follower, runtime.audit, clock),
        Optional.of(new McpEndpoint(mcp, McpHttpSettings.defaults())));
    System.out.println("conformance fixtures serving MCP on http://" + config.server().host() + ":" + server.port() + "/mcp");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      runtime.close();
      stopped.countDown();
    }, "conformance-shutdown"));
    stopped.await();
  }
}
