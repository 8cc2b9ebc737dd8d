package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Argument completion ({@code completion/complete}). */
public interface McpCompletions {
  /**
   * Suggestions for one argument.
   *
   * @param ref {@code {"type":"ref/prompt","name":..}} or {@code {"type":"ref/resource","uri":..}}
   * @param argument the argument being completed
   * @param value what the user typed so far
   * @param context other arguments already given ({@code context.arguments}), possibly empty
   * @return matching values, best first (the server caps the list at 100)
   */
  List<String> complete(JsonNode ref, String argument, String value, JsonNode context, Exchange exchange);
}
