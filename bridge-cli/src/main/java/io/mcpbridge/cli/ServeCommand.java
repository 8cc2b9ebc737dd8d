package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code bridge serve}: REST and MCP over HTTP until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the HTTP server (REST, MCP at /mcp, health) with the configured backends.",
        "Stops cleanly on SIGTERM/SIGINT. Refuses to start when the configuration has errors."})
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    LoggingSetup.configure(config.server().logLevel(), config.server().logFormat(), LoggingSetup.Target.STDOUT);
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    String version = Versions.current();
    ServerWiring server = ServerWiring.start(config, version);
    log.info("{} {} serving on http://{}:{} (environment {})", config.server().serviceName(), version,
        config.server().host(), server.port(), config.server().environment().wireName());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      server.close();
      stopped.countDown();
    }, "bridge-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
