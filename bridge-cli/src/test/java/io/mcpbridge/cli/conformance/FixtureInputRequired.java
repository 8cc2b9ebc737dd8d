package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.mcp.Exchange;
import io.mcpbridge.mcp.InputRequiredException;
import io.mcpbridge.mcp.JsonRpc;
import io.mcpbridge.mcp.McpProtocolException;
import io.mcpbridge.mcp.RequestStates;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suite's 2026-07-28 multi round-trip fixtures ({@code test_input_required_result_*}): each
 * asks its questions as an {@code input_required} result and finishes once the retry brings the
 * answers (and, where it keeps state, the sealed {@code requestState} it handed out).
 */
final class FixtureInputRequired {
  static final List<String> TOOLS = List.of("test_input_required_result_elicitation",
      "test_input_required_result_sampling", "test_input_required_result_list_roots",
      "test_input_required_result_request_state", "test_input_required_result_multiple_inputs",
      "test_input_required_result_multi_round", "test_input_required_result_tampered_state",
      "test_input_required_result_capabilities");
  static final String PROMPT = "test_input_required_result_prompt";

  private final ObjectMapper json;
  private final RequestStates states;

  FixtureInputRequired(ObjectMapper json) {
    this.json = json;
    this.states = new RequestStates(json, Clock.systemUTC(), Duration.ofMinutes(5));
  }

  /** Runs one of {@link #TOOLS}; returns the finished CallToolResult or throws the question. */
  ObjectNode call(String name, Exchange exchange) {
    return switch (name) {
      case "test_input_required_result_elicitation" -> {
        JsonNode answer = answered(exchange, Map.of("user_name", askName("What is your name?")), null);
        yield result("Hello, " + answer.path("user_name").path("content").path("name").asText("") + "!");
      }
      case "test_input_required_result_sampling" -> {
        JsonNode answer = answered(exchange, Map.of("capital_question", sample("What is the capital of France?", 100)),
            null);
        yield result("LLM said: " + answer.path("capital_question").path("content").path("text").asText(""));
      }
      case "test_input_required_result_list_roots" -> {
        JsonNode answer = answered(exchange, Map.of("client_roots", roots()), null);
        yield result("Roots: " + answer.path("client_roots").path("roots"));
      }
      case "test_input_required_result_request_state" -> {
        answered(exchange, Map.of("confirm", confirm()), state(exchange, name, 1));
        yield result("state-ok: the request state was verified");
      }
      case "test_input_required_result_multiple_inputs" -> {
        Map<String, ObjectNode> questions = new LinkedHashMap<>();
        questions.put("user_name", askName("What is your name?"));
        questions.put("greeting", sample("Generate a greeting", 50));
        questions.put("client_roots", roots());
        answered(exchange, questions, state(exchange, name, 1));
        yield result("all inputs received");
      }
      case "test_input_required_result_multi_round" -> multiRound(name, exchange);
      case "test_input_required_result_tampered_state" -> {
        answered(exchange, Map.of("confirm", confirm()), state(exchange, name, 1));
        yield result("state-ok: untampered");
      }
      case "test_input_required_result_capabilities" -> capabilities(exchange);
      default -> throw new McpProtocolException(JsonRpc.INVALID_PARAMS, "unknown tool: " + name);
    };
  }

  /** The {@value #PROMPT} prompt: asks for context, then returns a prompt using it. */
  ObjectNode prompt(Exchange exchange) {
    ObjectNode ask = elicit("What context should the prompt use?", "context", "string");
    JsonNode answer = answered(exchange, Map.of("user_context", ask), null);
    ObjectNode result = json.createObjectNode();
    result.put("description", "A prompt built from the user's context");
    ObjectNode message = result.putArray("messages").addObject().put("role", "user");
    message.putObject("content").put("type", "text")
        .put("text", "Context: " + answer.path("user_context").path("content").path("context").asText(""));
    return result;
  }

  private ObjectNode multiRound(String name, Exchange exchange) {
    Optional<JsonNode> round = exchange.requestState().flatMap(s -> states.open(s, binding(exchange, name)));
    if (round.isPresent() && round.get().path("round").asInt() == 2 && exchange.inputResponse("step2").isPresent()) {
      return result("multi-round complete: color " + exchange.inputResponse("step2").get().path("content").path("color"));
    }
    if (round.isPresent() && round.get().path("round").asInt() == 1 && exchange.inputResponse("step1").isPresent()) {
      ObjectNode questions = json.createObjectNode();
      questions.set("step2", elicit("Step 2: What is your favorite color?", "color", "string"));
      throw new InputRequiredException(questions, seal(exchange, name, 2));
    }
    rejectTampered(exchange, name);
    ObjectNode questions = json.createObjectNode();
    questions.set("step1", askName("Step 1: What is your name?"));
    throw new InputRequiredException(questions, seal(exchange, name, 1));
  }

  private ObjectNode capabilities(Exchange exchange) {
    ObjectNode questions = json.createObjectNode();
    if (exchange.clientSupports("elicitation") && exchange.inputResponse("user_name").isEmpty()) {
      questions.set("user_name", askName("What is your name?"));
    }
    if (exchange.clientSupports("sampling") && exchange.inputResponse("greeting").isEmpty()) {
      questions.set("greeting", sample("Generate a greeting", 50));
    }
    if (questions.isEmpty()) {
      return result("nothing to ask: every capability the client declared was used");
    }
    throw new InputRequiredException(questions, null);
  }

  /**
   * The answers, once every question has one and the state (if any) is the one handed out;
   * otherwise asks (again) for what is missing.
   *
   * @param state the sealed state to hand out with the questions; null for none
   */
  private JsonNode answered(Exchange exchange, Map<String, ObjectNode> questions, StateCheck state) {
    if (state != null) {
      state.verifyIfPresent();
    }
    ObjectNode missing = json.createObjectNode();
    questions.forEach((key, question) -> {
      Optional<JsonNode> answer = exchange.inputResponse(key);
      if (answer.isEmpty() || !answer.get().isObject()) {
        missing.set(key, question);
      }
    });
    if (missing.isEmpty() && (state == null || state.presented())) {
      return exchange.inputResponses();
    }
    ObjectNode ask = json.createObjectNode();
    questions.forEach(ask::set);
    throw new InputRequiredException(missing.isEmpty() ? ask : missing, state == null ? null : state.fresh());
  }

  /** The sealed state of a fixture: fresh for the questions, checked when echoed. */
  private final class StateCheck {
    private final Exchange exchange;
    private final String tool;
    private final int round;

    StateCheck(Exchange exchange, String tool, int round) {
      this.exchange = exchange;
      this.tool = tool;
      this.round = round;
    }

    void verifyIfPresent() {
      rejectTampered(exchange, tool);
    }

    boolean presented() {
      return exchange.requestState().isPresent();
    }

    String fresh() {
      return seal(exchange, tool, round);
    }
  }

  private StateCheck state(Exchange exchange, String tool, int round) {
    return new StateCheck(exchange, tool, round);
  }

  private void rejectTampered(Exchange exchange, String tool) {
    Optional<String> presented = exchange.requestState();
    if (presented.isPresent() && states.open(presented.get(), binding(exchange, tool)).isEmpty()) {
      throw new McpProtocolException(JsonRpc.INVALID_PARAMS,
          "requestState failed its integrity check (altered, expired or issued for another call)");
    }
  }

  private String seal(Exchange exchange, String tool, int round) {
    return states.seal(json.createObjectNode().put("round", round), binding(exchange, tool));
  }

  private static String binding(Exchange exchange, String tool) {
    return tool + "\n" + exchange.principal().subject();
  }

  private ObjectNode askName(String message) {
    return elicit(message, "name", "string");
  }

  private ObjectNode confirm() {
    return elicit("Please confirm", "ok", "boolean");
  }

  private ObjectNode elicit(String message, String field, String type) {
    ObjectNode request = json.createObjectNode().put("method", "elicitation/create");
    ObjectNode params = request.putObject("params").put("message", message);
    ObjectNode schema = params.putObject("requestedSchema").put("type", "object");
    schema.putObject("properties").putObject(field).put("type", type);
    schema.putArray("required").add(field);
    return request;
  }

  private ObjectNode sample(String text, int maxTokens) {
    ObjectNode request = json.createObjectNode().put("method", "sampling/createMessage");
    ObjectNode params = request.putObject("params");
    ObjectNode message = params.putArray("messages").addObject().put("role", "user");
    message.putObject("content").put("type", "text").put("text", text);
    params.put("maxTokens", maxTokens);
    return request;
  }

  private ObjectNode roots() {
    ObjectNode request = json.createObjectNode().put("method", "roots/list");
    request.putObject("params");
    return request;
  }

  private ObjectNode result(String text) {
    ObjectNode result = json.createObjectNode();
    ArrayNode content = result.putArray("content");
    content.addObject().put("type", "text").put("text", text);
    result.put("isError", false);
    return result;
  }
}
