package io.mcpbridge.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only views as resources: the model catalog ({@code bridge://models}), loaded simulations
 * ({@code bridge://simulations/{simulationId}}), results ({@code bridge://results/{resultsId}})
 * and jobs ({@code bridge://jobs/{jobId}}). Each is read through the matching viewer tool as the
 * caller, so roles and the audit trail apply.
 */
public final class BridgeResources implements McpResources {
  static final String MODELS = "bridge://models";
  private static final String SIMULATIONS = "bridge://simulations/";
  private static final String RESULTS = "bridge://results/";
  private static final String JOBS = "bridge://jobs/";
  private static final String JSON_TYPE = "application/json";
  private static final String GLOBAL_SENSITIVITY_CSV = "/global-sensitivity.csv";
  private static final Logger LOG = LoggerFactory.getLogger(BridgeResources.class);

  private final ToolCaller caller;
  private final ObjectMapper json;

  BridgeResources(ToolCaller caller, ObjectMapper json) {
    this.caller = caller;
    this.json = json;
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode list = json.createArrayNode();
    list.add(resource(MODELS, "models", "Model catalog", "The .pkml models that may be loaded, with hashes."));
    for (String id : loadedSimulationIds(exchange)) {
      list.add(resource(SIMULATIONS + id, "simulation " + id, "Simulation " + id,
          "Parameters, amounts and observers of loaded simulation " + id + "."));
    }
    return list;
  }

  @Override
  public ArrayNode templates(Exchange exchange) {
    ArrayNode list = json.createArrayNode();
    list.add(template(SIMULATIONS + "{simulationId}", "simulation", "Simulation parameters",
        "Parameters, amounts and observers of a loaded simulation (latest revision, first 1000)."));
    list.add(template(RESULTS + "{resultsId}", "results", "Simulation results",
        "Time courses of a finished run."));
    list.add(template(JOBS + "{jobId}", "job", "Job status", "State, progress and result handle of a job."));
    list.add(template(RESULTS + "{resultsId}/plot.png", "results plot (PNG)", "Time profile plot",
        "Time profile of a finished run as a PNG image; query parameters output (repeatable), scale (linear|log), "
            + "unit, width, height, as plot_results takes them.").put("mimeType", "image/png"));
    list.add(template(RESULTS + "{resultsId}/plot.svg", "results plot (SVG)", "Time profile plot",
        "Time profile of a finished run as an SVG image; the same query parameters as the PNG.")
        .put("mimeType", "image/svg+xml"));
    list.add(template(RESULTS + "{resultsId}" + GLOBAL_SENSITIVITY_CSV, "global sensitivity (CSV)",
        "Global sensitivity indices", "Sobol or Morris indices of a finished global sensitivity job as CSV.")
        .put("mimeType", "text/csv"));
    return list;
  }

  @Override
  public ObjectNode read(String uri, Exchange exchange) {
    JsonNode body;
    if (MODELS.equals(uri)) {
      body = caller.call("discover_models", json.createObjectNode().put("limit", 1000), exchange, Optional.empty());
    } else if (uri.startsWith(SIMULATIONS)) {
      body = caller.call("list_parameters", json.createObjectNode().put("simulationId", tail(uri, SIMULATIONS))
          .put("limit", 1000), exchange, Optional.empty());
    } else if (uri.startsWith(RESULTS) && PlotUris.isPlot(uri.substring(RESULTS.length()))) {
      return plot(uri, exchange);
    } else if (uri.startsWith(RESULTS) && uri.endsWith(GLOBAL_SENSITIVITY_CSV)) {
      return globalSensitivityCsv(uri, exchange);
    } else if (uri.startsWith(RESULTS)) {
      body = caller.call("get_simulation_results", json.createObjectNode().put("resultsId", tail(uri, RESULTS)),
          exchange, Optional.empty());
    } else if (uri.startsWith(JOBS)) {
      body = caller.call("get_job_status", json.createObjectNode().put("jobId", tail(uri, JOBS)), exchange,
          Optional.empty());
    } else {
      throw new McpProtocolException(JsonRpc.RESOURCE_NOT_FOUND, "resource not found: " + uri);
    }
    ObjectNode result = json.createObjectNode();
    ObjectNode content = result.putArray("contents").addObject();
    content.put("uri", uri);
    content.put("mimeType", JSON_TYPE);
    try {
      content.put("text", json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    return result;
  }

  /** The CSV of a global sensitivity job, as get_global_sensitivity_results returns it. */
  private ObjectNode globalSensitivityCsv(String uri, Exchange exchange) {
    String id = uri.substring(RESULTS.length(), uri.length() - GLOBAL_SENSITIVITY_CSV.length());
    if (id.isEmpty() || id.contains("/")) {
      throw new McpProtocolException(JsonRpc.RESOURCE_NOT_FOUND, "resource not found: " + uri);
    }
    JsonNode body = caller.call("get_global_sensitivity_results", json.createObjectNode().put("resultsId", id), exchange,
        Optional.empty());
    ObjectNode result = json.createObjectNode();
    ObjectNode content = result.putArray("contents").addObject();
    content.put("uri", uri);
    content.put("mimeType", "text/csv");
    content.put("text", body.path("csv").asText());
    return result;
  }

  /** A results plot as a blob: the image plot_results draws for the URI's id and query. */
  private ObjectNode plot(String uri, Exchange exchange) {
    ObjectNode args;
    try {
      args = PlotUris.arguments(uri.substring(RESULTS.length()), json);
    } catch (IllegalArgumentException e) {
      throw new McpProtocolException(JsonRpc.RESOURCE_NOT_FOUND, "resource not found: " + uri + " (" + e.getMessage() + ")");
    }
    JsonNode image = caller.call("plot_results", args, exchange, Optional.empty());
    ObjectNode result = json.createObjectNode();
    ObjectNode content = result.putArray("contents").addObject();
    content.put("uri", uri);
    content.put("mimeType", image.get("mimeType").asText());
    content.put("blob", image.get("data").asText());
    return result;
  }

  /** Ids of loaded simulations, as the model catalog reports them (empty if it cannot be read). */
  Set<String> loadedSimulationIds(Exchange exchange) {
    Set<String> ids = new LinkedHashSet<>();
    try {
      JsonNode models = caller.call("discover_models", json.createObjectNode().put("loadedOnly", true).put("limit", 1000),
          exchange, Optional.empty());
      for (JsonNode item : models.path("items")) {
        item.path("loadedSimulationIds").forEach(id -> ids.add(id.asText()));
      }
    } catch (BridgeException e) {
      LOG.debug("cannot list loaded simulations: {}", e.getMessage());
    }
    return ids;
  }

  private static String tail(String uri, String prefix) {
    String id = uri.substring(prefix.length());
    if (id.isEmpty() || id.contains("/")) {
      throw new McpProtocolException(JsonRpc.RESOURCE_NOT_FOUND, "resource not found: " + uri);
    }
    return id;
  }

  private ObjectNode resource(String uri, String name, String title, String description) {
    ObjectNode r = json.createObjectNode();
    r.put("uri", uri);
    r.put("name", name);
    r.put("title", title);
    r.put("description", description);
    r.put("mimeType", JSON_TYPE);
    return r;
  }

  private ObjectNode template(String uriTemplate, String name, String title, String description) {
    ObjectNode r = json.createObjectNode();
    r.put("uriTemplate", uriTemplate);
    r.put("name", name);
    r.put("title", title);
    r.put("description", description);
    r.put("mimeType", JSON_TYPE);
    return r;
  }
}
