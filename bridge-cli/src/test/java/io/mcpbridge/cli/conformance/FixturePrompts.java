package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.mcp.Exchange;
import io.mcpbridge.mcp.JsonRpc;
import io.mcpbridge.mcp.McpPrompts;
import io.mcpbridge.mcp.McpProtocolException;
import java.util.Set;

/** The suite's {@code test_*} prompts in front of the bridge's prompts. */
final class FixturePrompts implements McpPrompts {
  static final String WITH_ARGUMENTS = "test_prompt_with_arguments";
  private static final Set<String> NAMES = Set.of("test_simple_prompt", WITH_ARGUMENTS,
      "test_prompt_with_embedded_resource", "test_prompt_with_image");

  private final McpPrompts product;
  private final ObjectMapper json;
  private final FixtureInputRequired inputRequired;

  FixturePrompts(McpPrompts product, ObjectMapper json) {
    this.product = product;
    this.json = json;
    this.inputRequired = new FixtureInputRequired(json);
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode list = product.list(exchange);
    prompt(list, "test_simple_prompt", "A simple prompt for testing");
    ArrayNode args = prompt(list, WITH_ARGUMENTS, "A prompt with arguments for testing");
    args.addObject().put("name", "arg1").put("description", "First test argument").put("required", true);
    args.addObject().put("name", "arg2").put("description", "Second test argument").put("required", true);
    prompt(list, "test_prompt_with_embedded_resource", "A prompt with embedded resource for testing")
        .addObject().put("name", "resourceUri").put("description", "URI of the resource to embed").put("required", true);
    prompt(list, "test_prompt_with_image", "A prompt with image content for testing");
    prompt(list, FixtureInputRequired.PROMPT, "A prompt that asks the user for context first (2026-07-28)");
    return list;
  }

  @Override
  public ObjectNode get(String name, JsonNode arguments, Exchange exchange) {
    if (FixtureInputRequired.PROMPT.equals(name)) {
      return inputRequired.prompt(exchange);
    }
    if (!NAMES.contains(name)) {
      return product.get(name, arguments, exchange);
    }
    JsonNode args = arguments == null ? json.createObjectNode() : arguments;
    ObjectNode result = json.createObjectNode();
    ArrayNode messages = result.putArray("messages");
    switch (name) {
      case "test_simple_prompt" -> user(messages).put("type", "text").put("text", "This is a simple prompt for testing.");
      case WITH_ARGUMENTS -> user(messages).put("type", "text").put("text", "Prompt with arguments: arg1='"
          + required(args, "arg1") + "', arg2='" + required(args, "arg2") + "'");
      case "test_prompt_with_embedded_resource" -> {
        user(messages).put("type", "resource").putObject("resource").put("uri", required(args, "resourceUri"))
            .put("mimeType", "text/plain").put("text", "Embedded resource content for testing.");
        user(messages).put("type", "text").put("text", "Please process the embedded resource above.");
      }
      default -> {
        user(messages).put("type", "image").put("data", ConformanceFixtures.RED_PIXEL_PNG).put("mimeType", "image/png");
        user(messages).put("type", "text").put("text", "Please analyze the image above.");
      }
    }
    return result;
  }

  private ArrayNode prompt(ArrayNode list, String name, String description) {
    return list.addObject().put("name", name).put("description", description).putArray("arguments");
  }

  /** Adds a user message and returns its content object. */
  private static ObjectNode user(ArrayNode messages) {
    ObjectNode message = messages.addObject().put("role", "user");
    return message.putObject("content");
  }

  private static String required(JsonNode args, String name) {
    JsonNode v = args.get(name);
    if (v == null || !v.isTextual()) {
      throw new McpProtocolException(JsonRpc.INVALID_PARAMS, "argument " + name + " is required");
    }
    return v.asText();
  }
}
