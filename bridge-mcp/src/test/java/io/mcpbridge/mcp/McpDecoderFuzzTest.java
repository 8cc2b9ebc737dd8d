package io.mcpbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.port.ToolDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bounded property-based fuzz of the JSON-RPC decoder (both eras) and the tool-argument reader:
 * messages grown from valid ones by random structural mutations (wrong types, missing and extra
 * fields, odd ids, nested junk, huge numbers, other eras' metadata). Properties: nothing escapes as
 * an exception, every request gets one well-formed JSON-RPC answer, no error is an internal error
 * or carries a Java class name or stack frame, and the whole run stays within its time budget.
 * The seed is fixed so a failure reproduces; raise {@code -Dmcp.fuzz.iterations} to search longer.
 */
class McpDecoderFuzzTest {
  private static final long SEED = 0x6d6370L;
  private static final int ITERATIONS = Integer.getInteger("mcp.fuzz.iterations", 1500);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<Integer> EXPECTED_CODES = Set.of(JsonRpc.PARSE_ERROR, JsonRpc.INVALID_REQUEST,
      JsonRpc.METHOD_NOT_FOUND, JsonRpc.INVALID_PARAMS, JsonRpc.RESOURCE_NOT_FOUND, JsonRpc.HEADER_MISMATCH,
      JsonRpc.MISSING_CLIENT_CAPABILITY, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION);
  private static final List<String> METHODS = List.of("initialize", "ping", "server/discover", "tools/list",
      "tools/call", "resources/list", "resources/read", "resources/templates/list", "prompts/list", "prompts/get",
      "completion/complete", "logging/setLevel", "tasks/get", "tasks/cancel", "tasks/update", "subscriptions/listen",
      "notifications/cancelled", "no/such/method", "");
  private static final List<String> TOOLS = List.of("discover_models", "list_parameters", "get_parameter_value",
      "get_job_status", "get_simulation_results", "calculate_pk_parameters", "cancel_job", "nope");

  private final Random random = new Random(SEED);

  @Test
  void randomMessagesOfBothEras_getWellFormedAnswers_neverInternalErrorsOrStackTraces() {
    McpHarness mcp = McpHarness.as(Role.VIEWER).initialized("{}");
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < ITERATIONS; i++) {
        JsonNode message = mutate(validMessage(), 1 + random.nextInt(4));
        McpServer.Reply reply;
        try {
          reply = mcp.server.process(mcp.session, mcp.principal, message, Channel.none(), "fuzz-" + i, random.nextBoolean());
        } catch (RuntimeException e) {
          throw new AssertionError("input " + i + " escaped as " + e + ": " + message, e);
        }
        check(i, message, reply);
      }
    });
  }

  @Test
  void randomArguments_areReadOrRefusedAsInvalidInput_neverAnythingElse() {
    ToolInputReader reader = new ToolInputReader(BridgeJson.mapper());
    McpHarness mcp = McpHarness.as(Role.OPERATOR);
    List<ToolDescriptor> tools = mcp.tools.tools();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < ITERATIONS; i++) {
        ToolDescriptor tool = tools.get(random.nextInt(tools.size()));
        JsonNode arguments = mutate(plausibleArguments(), 1 + random.nextInt(4));
        try {
          reader.read(arguments, tool.inputType());
        } catch (BridgeException e) {
          assertThat(e.code().wireName()).as("input %d for %s: %s", i, tool.name(), arguments).isEqualTo("InvalidInput");
          assertNoJavaInternals(e.getMessage(), arguments);
        } catch (RuntimeException e) {
          throw new AssertionError("arguments " + i + " for " + tool.name() + " escaped as " + e + ": " + arguments, e);
        }
      }
    });
  }

  private void check(int i, JsonNode message, McpServer.Reply reply) {
    // A message with a method and an id is a request, whatever else it carries.
    boolean request = message.isObject() && message.has("id") && message.has("method");
    if (reply.message().isEmpty()) {
      return; // notifications, responses, cancelled requests
    }
    ObjectNode answer = reply.message().get();
    assertThat(answer.path("jsonrpc").asText()).as("input %d: %s", i, message).isEqualTo("2.0");
    assertThat(answer.has("result") ^ answer.has("error")).as("input %d: %s -> %s", i, message, answer).isTrue();
    if (answer.has("error")) {
      int code = answer.path("error").path("code").asInt();
      assertThat(EXPECTED_CODES).as("input %d: %s -> %s", i, message, answer).contains(code);
      assertNoJavaInternals(answer.path("error").path("message").asText(), message);
    } else {
      assertThat(request).as("only requests get results; input %d: %s", i, message).isTrue();
      assertNoJavaInternals(answer.path("result").toString(), message);
    }
  }

  private static void assertNoJavaInternals(String text, JsonNode input) {
    assertThat(text).as("answer to %s", input).doesNotContain("Exception", "\tat ", "java.", "com.fasterxml");
  }

  private ObjectNode validMessage() {
    ObjectNode m = NODES.objectNode();
    m.put("jsonrpc", "2.0");
    m.put("id", random.nextInt(1000));
    String method = METHODS.get(random.nextInt(METHODS.size()));
    m.put("method", method);
    ObjectNode params = m.putObject("params");
    if (random.nextBoolean()) {
      ObjectNode meta = params.putObject("_meta");
      meta.put(RequestMeta.PROTOCOL_VERSION, random.nextInt(4) == 0 ? "2025-11-25" : ProtocolVersions.MODERN);
      ObjectNode caps = meta.putObject(RequestMeta.CLIENT_CAPABILITIES);
      if (random.nextBoolean()) {
        caps.putObject("elicitation");
        caps.putObject("extensions").putObject(McpTasks.EXTENSION);
      }
      if (random.nextBoolean()) {
        meta.put(RequestMeta.LOG_LEVEL, random.nextBoolean() ? "debug" : "loud");
      }
    }
    switch (method) {
      case "tools/call" -> {
        params.put("name", TOOLS.get(random.nextInt(TOOLS.size())));
        params.set("arguments", plausibleArguments());
        if (random.nextInt(4) == 0) {
          params.put("requestState", "abc." + random.nextInt());
          params.putObject("inputResponses").putObject("confirm").put("action", "accept");
        }
      }
      case "resources/read" -> params.put("uri", random.nextBoolean() ? "bridge://models" : "bridge://jobs/" + random.nextInt());
      case "prompts/get" -> params.put("name", random.nextBoolean() ? "simulate_and_analyse" : "x");
      case "initialize" -> params.put("protocolVersion", "2025-11-25").putObject("capabilities");
      case "tasks/get", "tasks/cancel" -> params.put("taskId", "job-" + random.nextInt(10));
      case "completion/complete" -> {
        params.putObject("ref").put("type", "ref/prompt").put("name", "simulate_and_analyse");
        params.putObject("argument").put("name", "simulationId").put("value", "s");
      }
      default -> { }
    }
    return m;
  }

  private ObjectNode plausibleArguments() {
    ObjectNode a = NODES.objectNode();
    String[] fields = {"simulationId", "filePath", "jobId", "resultsId", "parameterPath", "value", "unit", "search",
        "limit", "page", "outputPath", "revision"};
    for (String f : fields) {
      if (random.nextInt(3) == 0) {
        a.set(f, randomValue(2));
      }
    }
    return a;
  }

  /** Applies {@code steps} random structural mutations somewhere in the tree. */
  private JsonNode mutate(JsonNode root, int steps) {
    JsonNode current = root;
    for (int s = 0; s < steps; s++) {
      current = mutateOnce(current);
    }
    return current;
  }

  private JsonNode mutateOnce(JsonNode node) {
    if (random.nextInt(12) == 0) {
      return randomValue(3); // replace this whole subtree
    }
    if (node.isObject() && node.size() > 0) {
      ObjectNode o = (ObjectNode) node;
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> o.remove(name);
        case 1 -> o.set(name, randomValue(2));
        case 2 -> o.set(randomKey(), randomValue(2));
        default -> o.set(name, mutateOnce(o.get(name)));
      }
      return o;
    }
    if (node.isArray() && node.size() > 0) {
      ArrayNode a = (ArrayNode) node;
      int i = random.nextInt(a.size());
      a.set(i, mutateOnce(a.get(i)));
      return a;
    }
    return randomValue(2);
  }

  private String randomKey() {
    String[] keys = {"id", "method", "params", "jsonrpc", "_meta", "name", "arguments", "uri", "taskId", "result",
        "error", "requestState", "inputResponses", "progressToken", "\u0000", "", "a".repeat(300)};
    return keys[random.nextInt(keys.length)];
  }

  private JsonNode randomValue(int depth) {
    int kind = random.nextInt(depth <= 0 ? 7 : 9);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -1e308 * random.nextDouble());
      case 4 -> NODES.numberNode(new java.math.BigInteger(200, random));
      case 5 -> NODES.textNode(randomText());
      case 6 -> NODES.textNode("");
      case 7 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomValue(depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(randomKey(), randomValue(depth - 1));
        }
        yield o;
      }
    };
  }

  private String randomText() {
    String[] samples = {"2.0", "tools/call", "../../etc/passwd", "bridge://results/x", "<!DOCTYPE x>", "\"", "\\",
        "=?base64?AAAA?=", "NaN", "-Infinity", "\ud83d\ude00", "Organism|Central|Volume", "%s%n", "${jndi:x}"};
    return random.nextInt(3) == 0 ? Long.toString(random.nextLong(), 36) : samples[random.nextInt(samples.length)];
  }

}
