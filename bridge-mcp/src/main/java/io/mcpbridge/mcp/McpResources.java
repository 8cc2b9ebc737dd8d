package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The resources an MCP server offers. */
public interface McpResources {
  /** Concrete resources ({@code resources/list} items). */
  ArrayNode list(Exchange exchange);

  /** URI templates ({@code resources/templates/list} items). */
  ArrayNode templates(Exchange exchange);

  /**
   * Reads a resource.
   *
   * @return a ReadResourceResult ({@code {"contents":[...]}})
   * @throws McpProtocolException with {@link JsonRpc#RESOURCE_NOT_FOUND} if there is none
   */
  ObjectNode read(String uri, Exchange exchange);

  /** Resources that change and may be subscribed to (none by default). */
  default boolean subscribable(String uri) {
    return false;
  }
}
