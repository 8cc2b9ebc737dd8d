package io.mcpbridge.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ConfirmationRequiredException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.error.ErrorDetail;
import java.util.List;

/** CallToolResult shapes: structured output with a text rendering, and the one error object. */
public final class ToolResults {
  /** The {@code _meta} key of a tool error's machine-readable error object. */
  public static final String ERROR_META_KEY = "io.mcpbridge/error";
  private final ObjectMapper json;

  public ToolResults(ObjectMapper json) {
    this.json = json;
  }

  /** A successful result: {@code structuredContent} plus the same JSON as text. */
  public ObjectNode success(JsonNode structured) {
    ObjectNode result = json.createObjectNode();
    ArrayNode content = result.putArray("content");
    content.addObject().put("type", "text").put("text", text(structured));
    result.set("structuredContent", structured);
    result.put("isError", false);
    return result;
  }

  /** True for an output that carries an image: a {@code mimeType} of {@code image/*} and base64 {@code data}. */
  static boolean isImage(JsonNode output) {
    return output.path("mimeType").asText("").startsWith("image/") && output.path("data").isTextual();
  }

  /**
   * A result that shows an image: the image itself ({@code type: image}), the output without the
   * image bytes as text, and a resource link to the image when the output names its {@code uri};
   * {@code structuredContent} is the whole output, as its schema describes.
   */
  public ObjectNode image(JsonNode output) {
    ObjectNode result = json.createObjectNode();
    ArrayNode content = result.putArray("content");
    content.addObject().put("type", "image").put("data", output.get("data").asText())
        .put("mimeType", output.get("mimeType").asText());
    ObjectNode summary = ((ObjectNode) output.deepCopy());
    summary.remove("data");
    content.addObject().put("type", "text").put("text", text(summary));
    JsonNode uri = output.get("uri");
    if (uri != null && uri.isTextual()) {
      ObjectNode link = content.addObject();
      link.put("type", "resource_link");
      link.put("uri", uri.asText());
      link.put("name", uri.asText().substring(uri.asText().lastIndexOf('/') + 1).replaceFirst("\\?.*", ""));
      link.put("description", "The same image as a resource");
      link.put("mimeType", output.get("mimeType").asText());
    }
    result.set("structuredContent", output);
    result.put("isError", false);
    return result;
  }

  /**
   * A tool error: {@code isError} with {@code {"error":{code,message,correlationId,retryable,details}}}
   * as text and, machine-readable, in {@code _meta} under {@link #ERROR_META_KEY}. It carries no
   * {@code structuredContent}: that must conform to the tool's output schema, and clients (the
   * TypeScript SDK among them) reject a result whose structured content does not.
   */
  public ObjectNode error(BridgeException e, String correlationId) {
    List<ErrorDetail> details = new java.util.ArrayList<>(e.details());
    if (e instanceof ConfirmationRequiredException c && c.nonce().isPresent()) {
      details.add(new ErrorDetail("_meta." + ConfirmationGate.META_KEY,
          "after a person approves, resend the same call with this nonce: " + c.nonce().get(), "error"));
      ObjectNode result = error(e.code(), e.getMessage(), correlationId, details);
      ((ObjectNode) result.get("_meta")).put(ConfirmationGate.META_KEY, c.nonce().get());
      return result;
    }
    return error(e.code(), e.getMessage(), correlationId, details);
  }

  /** A tool error from parts. */
  public ObjectNode error(ErrorCode code, String message, String correlationId, List<ErrorDetail> details) {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code.wireName());
    error.put("message", message);
    error.put("correlationId", correlationId);
    error.put("retryable", code.retryable());
    error.set("details", json.valueToTree(details));
    ObjectNode result = json.createObjectNode();
    result.putArray("content").addObject().put("type", "text").put("text", text(body));
    result.put("isError", true);
    result.putObject("_meta").set(ERROR_META_KEY, error);
    return result;
  }

  private String text(JsonNode value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
