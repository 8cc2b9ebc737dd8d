package io.mcpbridge.mcp;

import java.util.Objects;

/**
 * What an MCP server serves.
 *
 * @param tools tools/list and tools/call
 * @param resources resources/*
 * @param prompts prompts/*
 * @param completions completion/complete
 */
public record McpFeatures(McpTools tools, McpResources resources, McpPrompts prompts, McpCompletions completions) {
  public McpFeatures {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(completions, "completions");
  }
}
