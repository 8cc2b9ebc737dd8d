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

  /** A tool error carrying {@code {"error":{code,message,correlationId,retryable,details}}}. */
  public ObjectNode error(BridgeException e, String correlationId) {
    List<ErrorDetail> details = e.details();
    ObjectNode result = error(e.code(), e.getMessage(), correlationId, details);
    if (e instanceof ConfirmationRequiredException c && c.nonce().isPresent()) {
      ObjectNode detail = ((ArrayNode) result.path("structuredContent").path("error").path("details")).addObject();
      detail.put("field", "_meta." + ConfirmationGate.META_KEY);
      detail.put("issue", "after a person approves, resend the same call with this nonce: " + c.nonce().get());
      detail.put("severity", "error");
      result.putObject("_meta").put(ConfirmationGate.META_KEY, c.nonce().get());
      ((ObjectNode) result.path("content").get(0)).put("text", text(result.get("structuredContent")));
    }
    return result;
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
    result.set("structuredContent", body);
    result.put("isError", true);
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
