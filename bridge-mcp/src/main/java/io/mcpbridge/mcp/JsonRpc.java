package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 message shapes and the error codes MCP uses. */
public final class JsonRpc {
  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;
  /** The JSON is not a valid request object. */
  public static final int INVALID_REQUEST = -32600;
  /** The method does not exist or is not available. */
  public static final int METHOD_NOT_FOUND = -32601;
  /** Invalid method parameters. */
  public static final int INVALID_PARAMS = -32602;
  /** Internal JSON-RPC error. */
  public static final int INTERNAL_ERROR = -32603;
  /** MCP up to 2025-11-25: the resource does not exist (2026-07-28 uses {@link #INVALID_PARAMS}). */
  public static final int RESOURCE_NOT_FOUND = -32002;
  /** MCP 2026-07-28: HTTP headers and body disagree, or a required header is missing. */
  public static final int HEADER_MISMATCH = -32020;
  /** MCP 2026-07-28: the request needs a client capability the client did not declare. */
  public static final int MISSING_CLIENT_CAPABILITY = -32021;
  /** MCP 2026-07-28: the requested protocol version is not served. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonRpc() {}

  /** A success response. */
  public static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode r = NODES.objectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", id == null ? NullNode.getInstance() : id);
    r.set("result", result);
    return r;
  }

  /** An error response; {@code id} is null when the request's id could not be read. */
  public static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode r = NODES.objectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", id == null ? NullNode.getInstance() : id);
    ObjectNode e = r.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return r;
  }

  /** An error response with {@code data}. */
  public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode r = error(id, code, message);
    if (data != null) {
      ((ObjectNode) r.get("error")).set("data", data);
    }
    return r;
  }

  /** A notification (no id, no reply). */
  public static ObjectNode notification(String method, JsonNode params) {
    ObjectNode r = NODES.objectNode();
    r.put("jsonrpc", "2.0");
    r.put("method", method);
    if (params != null) {
      r.set("params", params);
    }
    return r;
  }

  /** A request with an id. */
  public static ObjectNode request(JsonNode id, String method, JsonNode params) {
    ObjectNode r = notification(method, params);
    r.set("id", id);
    return r;
  }

  /** True if the message is a request (has a method and an id). */
  public static boolean isRequest(JsonNode message) {
    return message.has("method") && message.has("id");
  }

  /** True if the message is a notification (a method without an id). */
  public static boolean isNotification(JsonNode message) {
    return message.has("method") && !message.has("id");
  }

  /** True if the message answers a request (a result or an error, no method). */
  public static boolean isResponse(JsonNode message) {
    return !message.has("method") && message.has("id") && (message.has("result") || message.has("error"));
  }
}
