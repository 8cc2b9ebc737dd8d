package io.mcpbridge.cli.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.mcp.Exchange;
import io.mcpbridge.mcp.McpResources;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The suite's {@code test://} resources and template in front of the bridge's resources. */
final class FixtureResources implements McpResources {
  private static final String STATIC_TEXT = "test://static-text";
  private static final String STATIC_BINARY = "test://static-binary";
  private static final String WATCHED = "test://watched-resource";
  private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");

  private final McpResources product;
  private final ObjectMapper json;

  FixtureResources(McpResources product, ObjectMapper json) {
    this.product = product;
    this.json = json;
  }

  @Override
  public ArrayNode list(Exchange exchange) {
    ArrayNode list = product.list(exchange);
    list.add(resource(STATIC_TEXT, "Static Text Resource", "A static text resource for testing", "text/plain"));
    list.add(resource(STATIC_BINARY, "Static Binary Resource", "A static binary resource for testing", "image/png"));
    list.add(resource(WATCHED, "Watched Resource", "A resource that can be subscribed to for updates", "text/plain"));
    return list;
  }

  @Override
  public ArrayNode templates(Exchange exchange) {
    ArrayNode list = product.templates(exchange);
    list.addObject().put("uriTemplate", "test://template/{id}/data").put("name", "Template Resource")
        .put("description", "A resource template for testing parameter substitution").put("mimeType", "application/json");
    return list;
  }

  @Override
  public ObjectNode read(String uri, Exchange exchange) {
    Matcher template = TEMPLATE.matcher(uri);
    if (STATIC_TEXT.equals(uri)) {
      return contents(uri, "text/plain", "text", "This is the content of the static text resource.");
    } else if (STATIC_BINARY.equals(uri)) {
      return contents(uri, "image/png", "blob", ConformanceFixtures.RED_PIXEL_PNG);
    } else if (WATCHED.equals(uri)) {
      return contents(uri, "text/plain", "text", "This is a watched resource content.");
    } else if (template.matches()) {
      String id = template.group(1);
      ObjectNode data = json.createObjectNode().put("id", id).put("templateTest", true).put("data", "Data for ID: " + id);
      return contents(uri, "application/json", "text", data.toString());
    }
    return product.read(uri, exchange);
  }

  @Override
  public boolean subscribable(String uri) {
    return WATCHED.equals(uri) || product.subscribable(uri);
  }

  private ObjectNode resource(String uri, String name, String description, String mimeType) {
    return json.createObjectNode().put("uri", uri).put("name", name).put("description", description)
        .put("mimeType", mimeType);
  }

  private ObjectNode contents(String uri, String mimeType, String field, String value) {
    ObjectNode result = json.createObjectNode();
    result.putArray("contents").addObject().put("uri", uri).put("mimeType", mimeType).put(field, value);
    return result;
  }
}
