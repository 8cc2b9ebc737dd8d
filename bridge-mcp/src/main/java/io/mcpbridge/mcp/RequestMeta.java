package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a 2026-07-28 request says about its client in {@code params._meta}: protocol version,
 * capabilities (required), client info (optional) and log level (optional).
 *
 * @param protocolVersion the revision the request speaks
 * @param clientCapabilities what the client can do for this request
 * @param clientInfo name and version, empty object if not given
 * @param logLevel the least severe log message the client wants; empty for none
 */
public record RequestMeta(String protocolVersion, JsonNode clientCapabilities, JsonNode clientInfo,
    Optional<LogLevel> logLevel) {
  /** {@code _meta} key of the protocol version. */
  public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
  /** {@code _meta} key of the client capabilities. */
  public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  /** {@code _meta} key of the client info. */
  public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  /** {@code _meta} key of the log level. */
  public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
  /** {@code _meta} key of the server info in results. */
  public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  /** {@code _meta} key tagging notifications of a subscriptions/listen stream. */
  public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

  /** True if the JSON-RPC message declares a protocol version in {@code params._meta} (then it is modern). */
  public static boolean declaresVersion(JsonNode message) {
    JsonNode meta = message == null ? null : message.path("params").get("_meta");
    return meta != null && meta.isObject() && meta.has(PROTOCOL_VERSION);
  }

  /** The version a message declares in {@code params._meta}, if it is a string. */
  public static Optional<String> declaredVersion(JsonNode message) {
    JsonNode v = message == null ? null : message.path("params").path("_meta").get(PROTOCOL_VERSION);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /**
   * Reads {@code params._meta} of a modern request.
   *
   * @throws McpProtocolException -32602 when a required field is missing or malformed, -32022
   *     when the version is not one this server serves statelessly
   */
  public static RequestMeta read(JsonNode params) {
    JsonNode meta = params == null ? null : params.get("_meta");
    if (meta == null || !meta.isObject()) {
      throw McpProtocolException.invalidParams("params._meta is required (protocol version and client capabilities)");
    }
    JsonNode version = meta.get(PROTOCOL_VERSION);
    if (version == null || !version.isTextual() || version.asText().isEmpty()) {
      throw McpProtocolException.invalidParams("params._meta[\"" + PROTOCOL_VERSION + "\"] is required (a string)");
    }
    JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
    if (capabilities == null || !capabilities.isObject()) {
      throw McpProtocolException.invalidParams("params._meta[\"" + CLIENT_CAPABILITIES + "\"] is required (an object)");
    }
    if (!ProtocolVersions.isModern(version.asText())) {
      throw unsupported(version.asText());
    }
    JsonNode info = meta.get(CLIENT_INFO);
    JsonNode level = meta.get(LOG_LEVEL);
    Optional<LogLevel> logLevel = Optional.empty();
    if (level != null && !level.isNull()) {
      logLevel = Optional.of(LogLevel.parse(level.asText(""))
          .orElseThrow(() -> McpProtocolException.invalidParams("unknown log level " + level)));
    }
    return new RequestMeta(version.asText(), capabilities,
        info != null && info.isObject() ? info : JsonNodeFactory.instance.objectNode(), logLevel);
  }

  /** The UnsupportedProtocolVersionError for a requested version. */
  public static McpProtocolException unsupported(String requested) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ProtocolVersions.ALL.forEach(data.putArray("supported")::add);
    data.put("requested", requested);
    return new McpProtocolException(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version " + requested
        + "; this server serves " + String.join(", ", ProtocolVersions.ALL)
        + " (2026-07-28 per request, the others after initialize)", data);
  }

  /** True if the client declared the capability for this request. */
  public boolean clientSupports(String capability) {
    JsonNode c = clientCapabilities.get(capability);
    return c != null && !c.isNull();
  }
}
