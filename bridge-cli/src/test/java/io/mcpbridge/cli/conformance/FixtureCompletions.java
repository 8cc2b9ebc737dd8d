package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.mcp.Exchange;
import io.mcpbridge.mcp.McpCompletions;
import java.util.List;

/** Completion of the suite's prompt arguments (nothing to suggest) in front of the bridge's completions. */
final class FixtureCompletions implements McpCompletions {
  private final McpCompletions product;

  FixtureCompletions(McpCompletions product) {
    this.product = product;
  }

  @Override
  public List<String> complete(JsonNode ref, String argument, String value, JsonNode context, Exchange exchange) {
    if (FixturePrompts.WITH_ARGUMENTS.equals(ref.path("name").asText())) {
      return List.of();
    }
    return product.complete(ref, argument, value, context, exchange);
  }
}
