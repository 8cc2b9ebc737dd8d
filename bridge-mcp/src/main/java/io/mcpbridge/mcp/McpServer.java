package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.model.Principal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP dispatcher: one JSON-RPC message in, at most one message out, transport-agnostic.
 * Notifications and server→client requests made while a request runs go through the
 * {@link Channel} the transport passes in. Blocking: a transport calls it from a thread per request.
 * Protocol faults become JSON-RPC errors without stack traces; tool failures are tool results.
 */
public final class McpServer {
  private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);
  private static final int MAX_COMPLETIONS = 100;

  private final ServerInfo info;
  private final McpFeatures features;
  private final ObjectMapper json;
  private final ModernMethods modern;

  public McpServer(ServerInfo info, McpFeatures features, ObjectMapper json) {
    this(info, features, json, ListChanges.fixed());
  }

  /**
   * @param listChanges where changes of the tool/prompt/resource lists come from, for
   *     {@code subscriptions/listen}; {@link ListChanges#fixed()} when they never change
   */
  public McpServer(ServerInfo info, McpFeatures features, ObjectMapper json, ListChanges listChanges) {
    this.info = info;
    this.features = features;
    this.json = json;
    this.modern = new ModernMethods(info, features, json, listChanges, this::complete);
  }

  /**
   * The answer to one message and how it went.
   *
   * @param message the response; empty for notifications, responses and cancelled requests
   * @param modern true if the message was served as 2026-07-28
   * @param malformed true if the request was refused before it was dispatched (missing or bad
   *     {@code _meta}, unsupported version): over HTTP a 400
   */
  public record Reply(Optional<ObjectNode> message, boolean modern, boolean malformed) {
    /** The JSON-RPC error code, if the reply is an error. */
    public Optional<Integer> errorCode() {
      return message.filter(m -> m.has("error")).map(m -> m.path("error").path("code").asInt());
    }
  }

  /** True if the message is served as 2026-07-28: it declares a protocol version in {@code params._meta}. */
  public static boolean isModern(JsonNode message) {
    return RequestMeta.declaresVersion(message);
  }

  /**
   * Handles one parsed message.
   *
   * @param session the client's session (fresh for initialize)
   * @param principal who sent this message
   * @param message a JSON-RPC request, notification or response
   * @param channel the way back for notifications and server→client requests
   * @param correlationId for logs and audit
   * @return the response to a request; empty for notifications, responses and cancelled requests
   */
  public Optional<ObjectNode> handle(McpSession session, Principal principal, JsonNode message, Channel channel,
      String correlationId) {
    return process(session, principal, message, channel, correlationId, false).message();
  }

  /**
   * Handles one parsed message of either era. A request that declares a protocol version in
   * {@code params._meta} (or arrives where the transport already knows it is modern) is served
   * as 2026-07-28 without touching the session's negotiated state: {@code session} then only
   * scopes cancellation. Everything else follows the initialize-based revisions.
   *
   * @param modernHint true if the transport declared 2026-07-28 (the HTTP MCP-Protocol-Version
   *     header), so that a request missing {@code _meta} is refused the 2026-07-28 way
   */
  public Reply process(McpSession session, Principal principal, JsonNode message, Channel channel,
      String correlationId, boolean modernHint) {
    boolean modernRequest = message != null && message.isObject() && (modernHint || isModern(message))
        && !JsonRpc.isResponse(message);
    if (modernRequest) {
      return modern.handle(session, principal, (ObjectNode) message, channel, correlationId);
    }
    return new Reply(legacy(session, principal, message, channel, correlationId), false, false);
  }

  private Optional<ObjectNode> legacy(McpSession session, Principal principal, JsonNode message, Channel channel,
      String correlationId) {
    if (message == null || !message.isObject()) {
      return Optional.of(JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
          message != null && message.isArray() ? "batches are not supported" : "a JSON-RPC message must be an object"));
    }
    JsonNode id = message.get("id");
    if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
      return Optional.of(JsonRpc.error(validId(id), JsonRpc.INVALID_REQUEST, "jsonrpc must be \"2.0\""));
    }
    if (JsonRpc.isResponse(message)) {
      session.answer(message);
      return Optional.empty();
    }
    JsonNode method = message.get("method");
    if (method == null || !method.isTextual()) {
      return Optional.of(JsonRpc.error(validId(id), JsonRpc.INVALID_REQUEST, "method must be a string"));
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isObject() && !params.isNull()) {
      return Optional.of(JsonRpc.error(validId(id), JsonRpc.INVALID_REQUEST, "params must be an object"));
    }
    ObjectNode p = params == null || params.isNull() ? json.createObjectNode() : (ObjectNode) params;
    if (id == null) {
      onNotification(session, method.asText(), p);
      return Optional.empty();
    }
    if (!id.isTextual() && !id.isIntegralNumber()) {
      return Optional.of(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "id must be a string or an integer"));
    }
    McpSession.InFlight inFlight = session.begin(id);
    try {
      Exchange exchange = new Exchange(session, channel, principal, correlationId, p.get("_meta"), inFlight);
      JsonNode result = dispatch(session, method.asText(), p, exchange);
      return inFlight.cancelled() ? Optional.empty() : Optional.of(JsonRpc.result(id, result));
    } catch (McpProtocolException e) {
      return Optional.of(JsonRpc.error(id, e.code(), e.getMessage(), e.data().orElse(null)));
    } catch (BridgeException e) {
      return Optional.of(JsonRpc.error(id, rpcCode(e.code()), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("MCP {} failed (correlation id {})", method.asText(), correlationId, e);
      return Optional.of(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR,
          "internal error; quote correlation id " + correlationId + " when reporting it"));
    } finally {
      session.end(id);
    }
  }

  private void onNotification(McpSession session, String method, ObjectNode params) {
    switch (method) {
      case "notifications/initialized" -> session.markInitialized();
      case "notifications/cancelled" -> {
        JsonNode requestId = params.get("requestId");
        if (requestId != null) {
          session.cancel(requestId);
        }
      }
      default -> LOG.debug("ignoring notification {}", method);
    }
  }

  private JsonNode dispatch(McpSession session, String method, ObjectNode params, Exchange exchange) {
    if (!"initialize".equals(method) && !"ping".equals(method) && session.protocolVersion().isEmpty()) {
      throw new McpProtocolException(JsonRpc.INVALID_REQUEST, "send initialize first");
    }
    switch (method) {
      case "initialize":
        return initialize(session, params);
      case "ping":
        return json.createObjectNode();
      case "tools/list":
        return listResult("tools", features.tools().list(exchange));
      case "tools/call":
        return features.tools().call(requiredText(params, "name"), params.get("arguments"), exchange);
      case "resources/list":
        return listResult("resources", features.resources().list(exchange));
      case "resources/templates/list":
        return listResult("resourceTemplates", features.resources().templates(exchange));
      case "resources/read":
        return features.resources().read(requiredText(params, "uri"), exchange);
      case "resources/subscribe":
      case "resources/unsubscribe":
        requiredText(params, "uri");
        return json.createObjectNode();
      case "prompts/list":
        return listResult("prompts", features.prompts().list(exchange));
      case "prompts/get":
        return features.prompts().get(requiredText(params, "name"), params.get("arguments"), exchange);
      case "completion/complete":
        return complete(params, exchange);
      case "logging/setLevel":
        session.logLevel(LogLevel.parse(requiredText(params, "level"))
            .orElseThrow(() -> McpProtocolException.invalidParams("unknown log level " + params.get("level"))));
        return json.createObjectNode();
      default:
        throw new McpProtocolException(JsonRpc.METHOD_NOT_FOUND, "method not found: " + method);
    }
  }

  private ObjectNode initialize(McpSession session, ObjectNode params) {
    String requested = params.path("protocolVersion").asText(null);
    if (requested == null) {
      throw McpProtocolException.invalidParams("protocolVersion is required");
    }
    String version = ProtocolVersions.negotiate(requested);
    session.initialize(version, params.get("capabilities"), params.get("clientInfo"));
    ObjectNode result = json.createObjectNode();
    result.put("protocolVersion", version);
    ObjectNode caps = result.putObject("capabilities");
    caps.putObject("tools").put("listChanged", false);
    caps.putObject("resources").put("subscribe", true).put("listChanged", false);
    caps.putObject("prompts").put("listChanged", false);
    // listChanged stays false here: 2025-era notifications would need the standalone stream this server does not offer.
    caps.putObject("completions");
    caps.putObject("logging");
    ObjectNode server = result.putObject("serverInfo");
    server.put("name", info.name());
    server.put("title", info.title());
    server.put("version", info.version());
    result.put("instructions", info.instructions());
    return result;
  }

  ObjectNode complete(ObjectNode params, Exchange exchange) {
    JsonNode ref = params.get("ref");
    JsonNode argument = params.get("argument");
    if (ref == null || !ref.isObject() || argument == null || !argument.isObject()) {
      throw McpProtocolException.invalidParams("ref and argument are required");
    }
    String name = argument.path("name").asText("");
    String value = argument.path("value").asText("");
    List<String> values = features.completions().complete(ref, name, value,
        params.path("context").path("arguments"), exchange);
    ObjectNode result = json.createObjectNode();
    ObjectNode completion = result.putObject("completion");
    ArrayNode items = completion.putArray("values");
    values.stream().limit(MAX_COMPLETIONS).forEach(items::add);
    completion.put("total", values.size());
    completion.put("hasMore", values.size() > MAX_COMPLETIONS);
    return result;
  }

  private ObjectNode listResult(String field, ArrayNode items) {
    ObjectNode result = json.createObjectNode();
    result.set(field, items);
    return result;
  }

  static String requiredText(ObjectNode params, String field) {
    JsonNode v = params.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw McpProtocolException.invalidParams(field + " is required (a string)");
    }
    return v.asText();
  }

  static JsonNode validId(JsonNode id) {
    return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
  }

  static int rpcCode(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> JsonRpc.RESOURCE_NOT_FOUND;
      case INVALID_INPUT, FORBIDDEN, UNAUTHENTICATED, CONFLICT, CONFIRMATION_REQUIRED -> JsonRpc.INVALID_PARAMS;
      default -> JsonRpc.INTERNAL_ERROR;
    };
  }
}
