package io.mcpbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.mcp.BridgeJson;
import io.mcpbridge.mcp.ToolInputReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bridge call TOOL --arg k=v …}: call any tool, in-process (the default) or against a
 * server. Prints the tool's JSON output on stdout.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Call a tool with arguments, in-process or against a running server (--server).",
        "Arguments: --arg key=value (value read as JSON when it is valid JSON, else as text) or --json '{…}'.",
        "Critical tools (load_simulation, set_parameter_value, run_simulation, run_sensitivity_analysis,",
        "run_global_sensitivity_analysis) need --yes or a 'y' at the prompt.",
        "In-process, run_simulation and both sensitivity runs wait for the job (it runs in this process); with --server",
        "they return the job id at once.",
        "Tools: discover_models, load_simulation, list_parameters, get_parameter_value, set_parameter_value,",
        "run_simulation, get_job_status, cancel_job, get_simulation_results, calculate_pk_parameters,",
        "run_sensitivity_analysis, get_sensitivity_results, run_global_sensitivity_analysis,",
        "get_global_sensitivity_results."})
final class CallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name, e.g. load_simulation.")
  String tool;

  @Option(names = "--arg", paramLabel = "KEY=VALUE", description = "One argument; repeatable.")
  List<String> args = new ArrayList<>();

  @Option(names = "--json", paramLabel = "OBJECT", description = "All arguments as one JSON object (merged under --arg).")
  String json;

  @Option(names = "--server", paramLabel = "URL", description = "Call this server over REST instead of in-process, e.g. http://127.0.0.1:8000.")
  URI server;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for --server (default: $BRIDGE_TOKEN).")
  String token;

  @Option(names = "--role", paramLabel = "ROLE", description = "In-process: act as the local user with this role (viewer, operator, admin); default operator in development, local and test.")
  String role;

  @Option(names = {"-y", "--yes"}, description = "Confirm a critical tool without asking.")
  boolean yes;

  @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Make run_simulation idempotent for this caller.")
  String idempotencyKey;

  /**
   * Created when the command runs, not when it is constructed: every command of the tree is built on
   * each start, and other one-shot commands (e.g. {@code bridge run}) should not pay for JSON set-up.
   */
  private ObjectMapper mapper;

  @Override
  public Integer call() throws Exception {
    mapper = BridgeJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode arguments = arguments();
    PrintWriter out = spec.commandLine().getOut();
    if (server != null) {
      return new RemoteToolCall(server, Optional.ofNullable(token).or(() -> Optional.ofNullable(System.getenv("BRIDGE_TOKEN"))),
          mapper).call(tool, arguments, confirmed(), Optional.ofNullable(idempotencyKey), out);
    }
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    Role acting = actingRole(config);
    try (BridgeRuntime runtime = BridgeRuntime.start(config, Clock.systemUTC(), BridgeRuntime.Use.ONE_SHOT)) {
      ToolDescriptor descriptor = runtime.tools.describe(tool);
      Record input = new ToolInputReader(mapper).read(arguments, descriptor.inputType());
      // The tool service refuses a critical call nobody confirmed; the console only says how: --yes or the prompt.
      Optional<String> confirmedBy = !descriptor.critical() ? Optional.empty()
          : yes ? Optional.of("--yes") : confirmed() ? Optional.of("prompt") : Optional.empty();
      Principal principal = Principal.localUser(System.getProperty("user.name", "local"), acting);
      ToolContext context = new ToolContext(principal, "cli-" + UUID.randomUUID(), Optional.ofNullable(idempotencyKey),
          "cli", Optional.of(Sha256.hex(mapper.writeValueAsBytes(arguments))), confirmedBy);
      Record output;
      try {
        output = runtime.tools.call(tool, input, context, o -> Optional.empty());
      } catch (ConfirmationRequiredException e) {
        throw new ConfirmationRequiredException(e.getMessage() + ": confirm with --yes", Optional.empty());
      }
      out.println(mapper.writeValueAsString(output));
      out.flush();
      if ("run_simulation".equals(tool) || "run_sensitivity_analysis".equals(tool)
          || "run_global_sensitivity_analysis".equals(tool)) {
        JobWaiter.awaitTerminal(runtime.follower, runtime.registry, mapper.valueToTree(output).get("jobId").asText(), spec.commandLine().getErr());
      }
    }
    return ExitCodes.OK;
  }

  private ObjectNode arguments() throws IOException {
    ObjectNode node = json == null ? mapper.createObjectNode() : asObject(mapper.readTree(json));
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--arg must be KEY=VALUE, got '" + a + "'");
      }
      node.set(a.substring(0, eq), value(a.substring(eq + 1)));
    }
    return node;
  }

  private ObjectNode asObject(JsonNode n) {
    if (!n.isObject()) {
      throw new InvalidInputException("--json must be a JSON object");
    }
    return (ObjectNode) n;
  }

  private JsonNode value(String text) {
    try {
      JsonNode parsed = mapper.readTree(text);
      if (parsed != null && !parsed.isMissingNode()) {
        return parsed;
      }
    } catch (IOException e) {
      // not JSON: a plain string such as a path
    }
    return mapper.getNodeFactory().textNode(text);
  }

  private boolean confirmed() {
    if (yes) {
      return true;
    }
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s changes state. Proceed? [y/N] ", tool);
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  private Role actingRole(AppConfig config) {
    return LocalUserRole.of(Optional.ofNullable(role), config.server().environment());
  }
}
