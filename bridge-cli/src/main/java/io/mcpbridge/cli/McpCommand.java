package io.mcpbridge.cli;

import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.config.Environment;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.BridgeMcp;
import io.mcpbridge.mcp.McpServer;
import io.mcpbridge.mcp.McpServices;
import io.mcpbridge.mcp.StdioServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bridge mcp}: MCP over stdio for a local agent, acting as the local OS user. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve MCP over stdin/stdout (one JSON-RPC message per line) for a local agent.",
        "Acts for the local OS user with the given role. Logs go to stderr only.",
        "Ends when stdin closes, after answering the requests in flight."})
final class McpCommand implements Callable<Integer> {
  @Option(names = "--role", paramLabel = "viewer|operator|admin",
      description = "Role of the local user (default operator in development, local and test; required elsewhere).")
  String role;

  @Override
  public Integer call() throws Exception {
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    LoggingSetup.configure(config.server().logLevel(), config.server().logFormat(), LoggingSetup.Target.STDERR);
    Principal user = Principal.localUser(System.getProperty("user.name", "local"),
        roleFor(Optional.ofNullable(role), config.server().environment()));
    try (BridgeRuntime runtime = BridgeRuntime.start(config, Clock.systemUTC(), BridgeRuntime.Use.STDIO)) {
      serve(runtime.mcpServices(), user, Versions.current(), config.server().maxRequestBytes(), System.in, System.out);
    }
    return ExitCodes.OK;
  }

  /** Runs the stdio server over the given ports until end of input. */
  static void serve(McpServices services, Principal user, String version, int maxMessageChars, InputStream in,
      OutputStream out) throws java.io.IOException {
    McpServer server = new McpServer(BridgeMcp.info(version), BridgeMcp.features(services, BridgeJson.mapper()),
        BridgeJson.mapper());
    new StdioServer(server, user, BridgeJson.mapper(), services.clock(), maxMessageChars).serve(in, out);
  }

  /** The role to act with: as given, or operator by default where that is safe. */
  static Role roleFor(Optional<String> given, Environment environment) {
    return LocalUserRole.of(given, environment);
  }

}
