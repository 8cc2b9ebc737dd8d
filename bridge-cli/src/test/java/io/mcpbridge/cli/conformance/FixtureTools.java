package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.mcp.Exchange;
import io.mcpbridge.mcp.InputRequiredException;
import io.mcpbridge.mcp.JsonRpc;
import io.mcpbridge.mcp.ListChanges;
import io.mcpbridge.mcp.LogLevel;
import io.mcpbridge.mcp.McpProtocolException;
import io.mcpbridge.mcp.McpTools;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The suite's {@code test_*} tools in front of the bridge's tools. */
final class FixtureTools implements McpTools {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
  private static final String SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  private record Fixture(ObjectNode definition, BiFunction<JsonNode, Exchange, ObjectNode> call) {}

  private final McpTools product;
  private final ObjectMapper json;
  private final ListChanges listChanges;
  private final FixtureInputRequired inputRequired;
  private final Map<String, Fixture> fixtures = new LinkedHashMap<>();

  FixtureTools(McpTools product, ObjectMapper json, ListChanges listChanges) {
    this.product = product;
    this.json = json;
    this.listChanges = listChanges;
    this.inputRequired = new FixtureInputRequired(json);
    add("test_simple_text", "Returns simple text content for testing", noArguments(),
        (args, ex) -> result(text("This is a simple text response for testing.")));
    add("test_image_content", "Returns image content for testing", noArguments(),
        (args, ex) -> result(image()));
    add("test_audio_content", "Returns audio content for testing", noArguments(),
        (args, ex) -> result(media("audio", ConformanceFixtures.MINIMAL_WAV, "audio/wav")));
    add("test_embedded_resource", "Returns embedded resource content for testing", noArguments(),
        (args, ex) -> result(embedded("test://embedded-resource", "text/plain", "This is an embedded resource content.")));
    add("test_multiple_content_types", "Returns text, image and an embedded resource for testing", noArguments(),
        (args, ex) -> result(text("Multiple content types test:"), image(),
            embedded("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}")));
    add("test_tool_with_logging", "Sends three log messages while it runs", noArguments(), this::withLogging);
    add("test_error_handling", "Always fails, to test error reporting", noArguments(),
        (args, ex) -> result(text("This tool intentionally returns an error for testing")).put("isError", true));
    add("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100", noArguments(), this::withProgress);
    add("test_sampling", "Asks the client's LLM (sampling/createMessage)",
        stringArguments("prompt", "The prompt to send to the LLM"), this::sampling);
    add("test_elicitation", "Asks the user for a name and an email (elicitation/create)",
        stringArguments("message", "The message to show the user"), this::elicitation);
    add("test_elicitation_sep1034_defaults", "Elicitation with a default for every primitive type", noArguments(),
        (args, ex) -> elicit(ex, "Please provide your information with defaults", defaultsSchema()));
    add("test_elicitation_sep1330_enums", "Elicitation with the five enum variants", noArguments(),
        (args, ex) -> elicit(ex, "Select your preferences", enumsSchema()));
    add("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", schema2020(),
        (args, ex) -> result(text("ok")));
    // 2026-07-28 fixtures
    add("test_logging_tool", "Sends log messages at the level the request asked for", noArguments(), this::withLogging);
    add("test_missing_capability", "Needs the client's sampling capability", noArguments(), this::needsSampling);
    add("test_streaming_elicitation", "Asks the user through an input_required result", noArguments(),
        this::streamingElicitation);
    add("test_trigger_tool_change", "Announces a change of the tool list", noArguments(), (args, ex) -> {
      listChanges.publish(ListChanges.Kind.TOOLS);
      return result(text("tool list change announced"));
    });
    add("test_trigger_prompt_change", "Announces a change of the prompt list", noArguments(), (args, ex) -> {
      listChanges.publish(ListChanges.Kind.PROMPTS);
      return result(text("prompt list change announced"));
    });
    for (String name : FixtureInputRequired.TOOLS) {
      add(name, "Multi round-trip request fixture: asks through input_required", noArguments(),
          (args, ex) -> inputRequired.call(name, ex));
    }
  }

  private ObjectNode needsSampling(JsonNode args, Exchange exchange) {
    if (!exchange.clientSupports("sampling")) {
      ObjectNode data = json.createObjectNode();
      data.putObject("requiredCapabilities").putObject("sampling");
      throw new McpProtocolException(JsonRpc.MISSING_CLIENT_CAPABILITY,
          "test_missing_capability needs the sampling capability, which the client did not declare", data);
    }
    return result(text("the client declared sampling"));
  }

  private ObjectNode streamingElicitation(JsonNode args, Exchange exchange) {
    if (exchange.inputResponse("answer").isPresent()) {
      return result(text("answer received"));
    }
    ObjectNode questions = json.createObjectNode();
    ObjectNode ask = questions.putObject("answer").put("method", "elicitation/create");
    ObjectNode params = ask.putObject("params").put("message", "Anything to add?");
    params.putObject("requestedSchema").put("type", "object").putObject("properties").putObject("text")
        .put("type", "string");
    throw new InputRequiredException(questions, null);
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode tools = product.list(exchange);
    fixtures.values().forEach(f -> tools.add(f.definition().deepCopy()));
    return tools;
  }

  @Override
  public ObjectNode call(String name, JsonNode arguments, Exchange exchange) {
    Fixture fixture = fixtures.get(name);
    if (fixture == null) {
      return product.call(name, arguments, exchange);
    }
    return fixture.call().apply(arguments == null || arguments.isNull() ? json.createObjectNode() : arguments, exchange);
  }

  private void add(String name, String description, ObjectNode inputSchema, BiFunction<JsonNode, Exchange, ObjectNode> call) {
    ObjectNode definition = json.createObjectNode();
    definition.put("name", name);
    definition.put("description", description);
    definition.set("inputSchema", inputSchema);
    fixtures.put(name, new Fixture(definition, call));
  }

  private ObjectNode withLogging(JsonNode args, Exchange exchange) {
    String[] messages = {"Tool execution started", "Tool processing data", "Tool execution completed"};
    for (int i = 0; i < messages.length; i++) {
      if (i > 0) {
        pause(50);
      }
      exchange.log(LogLevel.INFO, "conformance", JsonNodeFactory.instance.textNode(messages[i]));
    }
    return result(text("Tool execution completed with logging"));
  }

  private ObjectNode withProgress(JsonNode args, Exchange exchange) {
    for (int step = 0; step <= 100; step += 50) {
      if (step > 0) {
        pause(50);
      }
      exchange.progress(step, 100.0, null);
    }
    return result(text("Tool execution completed with progress"));
  }

  private ObjectNode sampling(JsonNode args, Exchange exchange) {
    if (!exchange.clientSupports("sampling")) {
      return result(text("the client does not support sampling")).put("isError", true);
    }
    ObjectNode params = json.createObjectNode();
    ObjectNode message = params.putArray("messages").addObject();
    message.put("role", "user");
    message.set("content", text(args.path("prompt").asText("")));
    params.put("maxTokens", 100);
    JsonNode answer = exchange.request("sampling/createMessage", params, CLIENT_TIMEOUT);
    return result(text("LLM response: " + answer.path("content").path("text").asText("")));
  }

  private ObjectNode elicitation(JsonNode args, Exchange exchange) {
    ObjectNode schema = objectSchema();
    ObjectNode properties = (ObjectNode) schema.get("properties");
    properties.putObject("username").put("type", "string").put("description", "User's response");
    properties.putObject("email").put("type", "string").put("description", "User's email address");
    schema.putArray("required").add("username").add("email");
    return elicit(exchange, args.path("message").asText(""), schema);
  }

  private ObjectNode elicit(Exchange exchange, String message, ObjectNode schema) {
    if (!exchange.clientSupports("elicitation")) {
      return result(text("the client does not support elicitation")).put("isError", true);
    }
    ObjectNode params = json.createObjectNode();
    params.put("message", message);
    params.set("requestedSchema", schema);
    JsonNode answer = exchange.request("elicitation/create", params, CLIENT_TIMEOUT);
    return result(text("User response: action=" + answer.path("action").asText() + ", content=" + answer.path("content")));
  }

  private ObjectNode defaultsSchema() {
    ObjectNode schema = objectSchema();
    ObjectNode p = (ObjectNode) schema.get("properties");
    p.putObject("name").put("type", "string").put("default", "John Doe");
    p.putObject("age").put("type", "integer").put("default", 30);
    p.putObject("score").put("type", "number").put("default", 95.5);
    ObjectNode status = p.putObject("status").put("type", "string");
    status.putArray("enum").add("active").add("inactive").add("pending");
    status.put("default", "active");
    p.putObject("verified").put("type", "boolean").put("default", true);
    schema.putArray("required").add("name").add("age").add("score").add("status").add("verified");
    return schema;
  }

  private ObjectNode enumsSchema() {
    ObjectNode schema = objectSchema();
    ObjectNode p = (ObjectNode) schema.get("properties");
    p.putObject("untitledSingle").put("type", "string").putArray("enum").add("option1").add("option2").add("option3");
    ArrayNode titled = p.putObject("titledSingle").put("type", "string").putArray("oneOf");
    titled.addObject().put("const", "value1").put("title", "First Option");
    titled.addObject().put("const", "value2").put("title", "Second Option");
    titled.addObject().put("const", "value3").put("title", "Third Option");
    ObjectNode legacy = p.putObject("legacyEnum").put("type", "string");
    legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
    legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
    ObjectNode untitledMulti = p.putObject("untitledMulti").put("type", "array");
    untitledMulti.putObject("items").put("type", "string").putArray("enum").add("option1").add("option2").add("option3");
    ObjectNode titledMulti = p.putObject("titledMulti").put("type", "array");
    ArrayNode anyOf = titledMulti.putObject("items").putArray("anyOf");
    anyOf.addObject().put("const", "value1").put("title", "First Choice");
    anyOf.addObject().put("const", "value2").put("title", "Second Choice");
    anyOf.addObject().put("const", "value3").put("title", "Third Choice");
    schema.putArray("required").add("untitledSingle").add("titledSingle").add("legacyEnum").add("untitledMulti")
        .add("titledMulti");
    return schema;
  }

  private ObjectNode schema2020() {
    ObjectNode schema = json.createObjectNode();
    schema.put("$schema", SCHEMA_2020_12);
    schema.put("type", "object");
    ObjectNode address = schema.putObject("$defs").putObject("address").put("$anchor", "addressDef").put("type", "object");
    ObjectNode addressProperties = address.putObject("properties");
    addressProperties.putObject("street").put("type", "string");
    addressProperties.putObject("city").put("type", "string");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("name").put("type", "string");
    properties.putObject("address").put("$ref", "#/$defs/address");
    properties.putObject("contactMethod").put("type", "string").putArray("enum").add("phone").add("email");
    properties.putObject("phone").put("type", "string");
    properties.putObject("email").put("type", "string");
    // Composition and conditionals (SEP-2106): phone or email, and the one named by contactMethod.
    ArrayNode anyOf = schema.putArray("allOf").addObject().putArray("anyOf");
    anyOf.addObject().putArray("required").add("phone");
    anyOf.addObject().putArray("required").add("email");
    ObjectNode condition = schema.putObject("if");
    condition.putObject("properties").putObject("contactMethod").put("const", "phone");
    condition.putArray("required").add("contactMethod");
    schema.putObject("then").putArray("required").add("phone");
    schema.putObject("else").putArray("required").add("email");
    schema.put("additionalProperties", false);
    return schema;
  }

  private ObjectNode noArguments() {
    return objectSchema();
  }

  private ObjectNode stringArguments(String name, String description) {
    ObjectNode schema = objectSchema();
    ((ObjectNode) schema.get("properties")).putObject(name).put("type", "string").put("description", description);
    schema.putArray("required").add(name);
    return schema;
  }

  private ObjectNode objectSchema() {
    ObjectNode schema = json.createObjectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    return schema;
  }

  private ObjectNode result(ObjectNode... content) {
    ObjectNode result = json.createObjectNode();
    ArrayNode items = result.putArray("content");
    for (ObjectNode c : content) {
      items.add(c);
    }
    result.put("isError", false);
    return result;
  }

  private ObjectNode text(String text) {
    return json.createObjectNode().put("type", "text").put("text", text);
  }

  private ObjectNode image() {
    return media("image", ConformanceFixtures.RED_PIXEL_PNG, "image/png");
  }

  private ObjectNode media(String type, String base64, String mimeType) {
    return json.createObjectNode().put("type", type).put("data", base64).put("mimeType", mimeType);
  }

  private ObjectNode embedded(String uri, String mimeType, String text) {
    ObjectNode content = json.createObjectNode().put("type", "resource");
    content.putObject("resource").put("uri", uri).put("mimeType", mimeType).put("text", text);
    return content;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
