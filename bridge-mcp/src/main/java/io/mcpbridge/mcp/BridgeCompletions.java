package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.error.BridgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Completes model files ({@code filePath}), simulation ids and parameter/output paths for the
 * bridge's prompts and resource templates, by asking the catalog tools as the caller.
 */
public final class BridgeCompletions implements McpCompletions {
  private final ToolCaller caller;
  private final BridgeResources resources;
  private final ObjectMapper json;

  BridgeCompletions(ToolCaller caller, BridgeResources resources, ObjectMapper json) {
    this.caller = caller;
    this.resources = resources;
    this.json = json;
  }

  @Override
  public List<String> complete(JsonNode ref, String argument, String value, JsonNode context, Exchange exchange) {
    try {
      switch (argument) {
        case "filePath":
          return modelFiles(value, exchange);
        case "simulationId":
          return startingWith(new ArrayList<>(resources.loadedSimulationIds(exchange)), value);
        case "parameterPath":
        case "outputPath":
          String simulationId = context.path("simulationId").asText("");
          return simulationId.isEmpty() ? List.of() : paths(simulationId, value, exchange);
        default:
          return List.of();
      }
    } catch (BridgeException e) {
      return List.of(); // nothing to suggest to this caller
    }
  }

  private List<String> modelFiles(String value, Exchange exchange) {
    JsonNode out = caller.call("discover_models", json.createObjectNode().put("search", value).put("limit", 100),
        exchange, Optional.empty());
    List<String> files = new ArrayList<>();
    out.path("items").forEach(i -> files.add(i.path("filePath").asText()));
    return files;
  }

  private List<String> paths(String simulationId, String value, Exchange exchange) {
    JsonNode out = caller.call("list_parameters", json.createObjectNode().put("simulationId", simulationId)
        .put("limit", 1000), exchange, Optional.empty());
    List<String> paths = new ArrayList<>();
    out.path("parameters").forEach(p -> paths.add(p.path("path").asText()));
    List<String> prefixed = startingWith(paths, value);
    if (!prefixed.isEmpty()) {
      return prefixed;
    }
    String needle = value.toLowerCase(Locale.ROOT);
    return paths.stream().filter(p -> p.toLowerCase(Locale.ROOT).contains(needle)).toList();
  }

  private static List<String> startingWith(List<String> values, String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    return values.stream().filter(v -> v.toLowerCase(Locale.ROOT).startsWith(p)).toList();
  }
}
