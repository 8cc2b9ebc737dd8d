package io.mcpbridge.http;

import io.mcpbridge.mcp.McpServer;
import java.util.Objects;

/**
 * The MCP server to expose at {@code /mcp}, with its HTTP settings.
 *
 * @param server the protocol dispatcher
 * @param settings origins, authorization server, sessions
 */
public record McpEndpoint(McpServer server, McpHttpSettings settings) {
  public McpEndpoint {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(settings, "settings");
  }
}
