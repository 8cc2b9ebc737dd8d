package io.mcpbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import io.mcpbridge.mcp.RecordSchemas;

/** {@code GET /openapi.json}: OpenAPI 3.1 generated from the same records the tools use. */
final class OpenApiDocument {
  private OpenApiDocument() {}

  static ObjectNode build(ToolService tools, ObjectMapper json, String version) {
    RecordSchemas schemas = new RecordSchemas(json);
    ObjectNode doc = json.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "MCP Bridge");
    info.put("version", version);
    info.put("description", "Load, inspect, set, run and analyse OSP .pkml models. Every tool is POST /<tool name> "
        + "with its input as JSON. Critical tools need the header X-MCP-Confirm: true.");
    doc.putObject("components").putObject("securitySchemes").putObject("bearer")
        .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
    ((ObjectNode) doc.get("components")).putObject("schemas").set("Error", errorSchema(json));
    doc.putArray("security").addObject().putArray("bearer");
    ObjectNode paths = doc.putObject("paths");
    for (ToolDescriptor d : tools.tools()) {
      ObjectNode post = paths.putObject("/" + d.name()).putObject("post");
      post.put("operationId", d.name());
      post.put("summary", d.title());
      post.put("description", d.description() + " Requires role " + d.requiredRole().wireName() + "."
          + (d.critical() ? " Critical: send X-MCP-Confirm: true." : ""));
      post.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
          .set("schema", schemas.of(d.inputType()));
      ObjectNode responses = post.putObject("responses");
      String ok = "load_simulation".equals(d.name()) ? "201" : "run_simulation".equals(d.name()) ? "202" : "200";
      responses.putObject(ok).put("description", "OK").putObject("content").putObject("application/json")
          .set("schema", schemas.of(d.outputType()));
      for (String status : new String[] {"400", "401", "403", "404", "409", "413", "428", "429", "503"}) {
        if (status.equals("428") && !d.critical()) {
          continue;
        }
        responses.putObject(status).put("description", "Error").putObject("content").putObject("application/json")
            .putObject("schema").put("$ref", "#/components/schemas/Error");
      }
    }
    ObjectNode events = paths.putObject("/jobs/{jobId}/events").putObject("get");
    events.put("summary", "Job events (server-sent events)");
    events.put("description", "Event id = sequence number; resume with Last-Event-ID. Ends after the terminal state.");
    events.putArray("parameters").addObject().put("name", "jobId").put("in", "path").put("required", true)
        .putObject("schema").put("type", "string");
    events.putObject("responses").putObject("200").put("description", "text/event-stream");
    if (tools.tools().stream().anyMatch(d -> d.name().equals("plot_results"))) {
      plotPath(paths.putObject("/results/{resultsId}/plot.png").putObject("get"), "image/png");
      plotPath(paths.putObject("/results/{resultsId}/plot.svg").putObject("get"), "image/svg+xml");
    }
    ObjectNode health = paths.putObject("/health").putObject("get");
    health.put("summary", "Liveness and identity of the service");
    health.putArray("security");
    health.putObject("responses").putObject("200").put("description", "OK");
    return doc;
  }

  private static void plotPath(ObjectNode get, String mimeType) {
    get.put("summary", "Time profile plot of a finished run");
    get.put("description", "The image plot_results draws (the same bytes), time in hours. Requires role viewer.");
    ArrayNode parameters = get.putArray("parameters");
    parameters.addObject().put("name", "resultsId").put("in", "path").put("required", true)
        .putObject("schema").put("type", "string");
    parameters.addObject().put("name", "output").put("in", "query").put("description", "Quantity path; repeatable")
        .putObject("schema").put("type", "array").putObject("items").put("type", "string");
    parameters.addObject().put("name", "scale").put("in", "query").put("description", "linear (default) or log")
        .putObject("schema").put("type", "string").putArray("enum").add("linear").add("log");
    parameters.addObject().put("name", "unit").put("in", "query").put("description", "Display unit of the values")
        .putObject("schema").put("type", "string");
    for (String size : new String[] {"width", "height"}) {
      parameters.addObject().put("name", size).put("in", "query").put("description", "Pixels, 300-4000")
          .putObject("schema").put("type", "integer");
    }
    ObjectNode responses = get.putObject("responses");
    responses.putObject("200").put("description", "The image").putObject("content").putObject(mimeType)
        .putObject("schema").put("type", "string").put("format", "binary");
    for (String status : new String[] {"400", "401", "403", "404", "429"}) {
      responses.putObject(status).put("description", "Error").putObject("content").putObject("application/json")
          .putObject("schema").put("$ref", "#/components/schemas/Error");
    }
  }

  private static ObjectNode errorSchema(ObjectMapper json) {
    ObjectNode schema = json.createObjectNode().put("type", "object");
    ObjectNode error = schema.putObject("properties").putObject("error").put("type", "object");
    ObjectNode p = error.putObject("properties");
    p.putObject("code").put("type", "string");
    p.putObject("message").put("type", "string");
    p.putObject("correlationId").put("type", "string");
    p.putObject("retryable").put("type", "boolean");
    ObjectNode detail = p.putObject("details").put("type", "array").putObject("items").put("type", "object");
    ObjectNode dp = detail.putObject("properties");
    dp.putObject("field").put("type", "string");
    dp.putObject("issue").put("type", "string");
    dp.putObject("severity").put("type", "string");
    ArrayNode required = error.putArray("required");
    required.add("code").add("message").add("correlationId").add("retryable");
    return schema;
  }
}
