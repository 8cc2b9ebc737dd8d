package io.mcpbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.port.ToolService;
import io.mcpbridge.mcp.PlotUris;
import io.mcpbridge.mcp.ToolInputReader;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /results/{resultsId}/plot.png} and {@code .svg}: the image plot_results draws, as the
 * response body. Query parameters {@code output} (repeatable), {@code scale}, {@code unit},
 * {@code width}, {@code height}. Authorised and audited as the tool (viewer), so the REST and MCP
 * routes return the same bytes for the same arguments.
 */
final class PlotRoutes {
  private static final String TOOL = "plot_results";
  private final ToolService tools;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private final ToolInputReader inputs;

  PlotRoutes(ToolService tools, Authenticator authenticator, ObjectMapper json) {
    this.tools = tools;
    this.authenticator = authenticator;
    this.json = json;
    this.inputs = new ToolInputReader(json);
  }

  void register(JavalinConfig config) {
    if (tools.tools().stream().noneMatch(d -> d.name().equals(TOOL))) {
      return;
    }
    config.routes.get("/results/{resultsId}/plot.png", ctx -> plot(ctx, "png"));
    config.routes.get("/results/{resultsId}/plot.svg", ctx -> plot(ctx, "svg"));
  }

  void plot(Context ctx, String format) {
    Principal principal = authenticator.authenticate(ctx);
    ObjectNode args = json.createObjectNode();
    args.put("resultsId", ctx.pathParam("resultsId"));
    args.put("format", format);
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      for (String value : p.getValue()) {
        try {
          PlotUris.add(args, p.getKey(), value);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(e.getMessage());
        }
      }
    }
    ToolDescriptor d = tools.describe(TOOL);
    Record input = inputs.read(args, d.inputType());
    ToolContext context = new ToolContext(principal, CorrelationIds.of(ctx), Optional.empty(), "rest",
        Optional.of(ToolRoutes.sha256(args.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    Record output = tools.call(TOOL, input, context, o -> Optional.of(json.valueToTree(o).path("sha256").asText()));
    JsonNode tree = json.valueToTree(output);
    byte[] image = Base64.getDecoder().decode(tree.get("data").asText());
    ctx.header("Cache-Control", "private, max-age=300");
    ctx.header("ETag", "\"" + tree.get("sha256").asText() + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    if ("svg".equals(format)) {
      // An SVG opened directly must not run script or load anything.
      ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    ctx.status(200).contentType(tree.get("mimeType").asText()).result(image);
  }
}
