package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The tools an MCP server offers: listing and calling, in MCP wire shapes. */
public interface McpTools {
  /** Tool definitions the caller may see ({@code tools/list} items). */
  ArrayNode list(Exchange exchange);

  /**
   * Calls a tool. Failures of the tool itself come back as an {@code isError} result.
   *
   * @return a CallToolResult
   * @throws McpProtocolException if there is no such tool
   */
  ObjectNode call(String name, JsonNode arguments, Exchange exchange);
}
