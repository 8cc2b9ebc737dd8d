package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The prompts (workflow templates) an MCP server offers. */
public interface McpPrompts {
  /** Prompt definitions ({@code prompts/list} items). */
  ArrayNode list(Exchange exchange);

  /**
   * Renders a prompt.
   *
   * @return a GetPromptResult
   * @throws McpProtocolException with -32602 for an unknown prompt or missing arguments
   */
  ObjectNode get(String name, JsonNode arguments, Exchange exchange);
}
