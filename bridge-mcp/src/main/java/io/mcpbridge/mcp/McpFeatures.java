package io.mcpbridge.mcp;

import java.util.Objects;

/**
 * What an MCP server serves.
 *
 * @param tools tools/list and tools/call
 * @param resources resources/*
 * @param prompts prompts/*
 * @param completions completion/complete
 * @param tasks tasks/get and tasks/cancel of the tasks extension (2026-07-28)
 */
public record McpFeatures(McpTools tools, McpResources resources, McpPrompts prompts, McpCompletions completions,
    McpTasks tasks) {
  public McpFeatures {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(completions, "completions");
    Objects.requireNonNull(tasks, "tasks");
  }

  /** Features without tasks. */
  public McpFeatures(McpTools tools, McpResources resources, McpPrompts prompts, McpCompletions completions) {
    this(tools, resources, prompts, completions, McpTasks.none());
  }
}
