package io.mcpbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpbridge.mcp.RequestMeta;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The 2026-07-28 request headers that mirror the body ({@code MCP-Protocol-Version},
 * {@code Mcp-Method}, {@code Mcp-Name}), so intermediaries can route on them: each must be present
 * and equal to what the body says, else the request is refused with HeaderMismatch (-32020).
 * {@code Mcp-Name} may carry a {@code =?base64?…?=} value, decoded before comparing.
 */
final class McpRequestHeaders {
  static final String VERSION = "MCP-Protocol-Version";
  static final String METHOD = "Mcp-Method";
  static final String NAME = "Mcp-Name";
  private static final String B64_PREFIX = "=?base64?";
  private static final String B64_SUFFIX = "?=";

  private McpRequestHeaders() {}

  /**
   * The reason the headers do not match the request, or empty if they do.
   *
   * @param message the JSON-RPC request
   * @param header reads a header by name (case-insensitive), null if absent
   */
  static Optional<String> mismatch(JsonNode message, Function<String, String> header) {
    String version = header.apply(VERSION);
    if (version == null || version.isBlank()) {
      return Optional.of(VERSION + " header is required");
    }
    Optional<String> declared = RequestMeta.declaredVersion(message);
    if (declared.isPresent() && !declared.get().equals(version.trim())) {
      return Optional.of(VERSION + " header value '" + version.trim() + "' does not match body value '"
          + declared.get() + "'");
    }
    String method = message.path("method").asText("");
    String methodHeader = header.apply(METHOD);
    if (methodHeader == null) {
      return Optional.of(METHOD + " header is required");
    }
    if (!method.equals(methodHeader.trim())) {
      return Optional.of(METHOD + " header value '" + methodHeader.trim() + "' does not match body value '" + method + "'");
    }
    Optional<String> bodyName = nameOf(method, message.path("params"));
    String nameHeader = header.apply(NAME);
    if (bodyName.isEmpty()) {
      return Optional.empty();
    }
    if (nameHeader == null) {
      return Optional.of(NAME + " header is required for " + method);
    }
    Optional<String> decoded = decode(nameHeader.trim());
    if (decoded.isEmpty()) {
      return Optional.of(NAME + " header is not a valid header value");
    }
    if (!decoded.get().equals(bodyName.get())) {
      return Optional.of(NAME + " header value '" + decoded.get() + "' does not match body value '" + bodyName.get() + "'");
    }
    return Optional.empty();
  }

  /** What {@code Mcp-Name} mirrors: the tool or prompt name, the resource URI, the task id. */
  static Optional<String> nameOf(String method, JsonNode params) {
    JsonNode v = switch (method) {
      case "tools/call", "prompts/get" -> params.get("name");
      case "resources/read" -> params.get("uri");
      case "tasks/get", "tasks/result", "tasks/cancel", "tasks/update" -> params.get("taskId");
      default -> null;
    };
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** A header value, Base64 sentinel decoded; empty if the sentinel's content is not Base64. */
  static Optional<String> decode(String value) {
    if (value.startsWith(B64_PREFIX) && value.endsWith(B64_SUFFIX) && value.length() >= B64_PREFIX.length() + 2) {
      try {
        byte[] bytes = Base64.getDecoder().decode(value.substring(B64_PREFIX.length(), value.length() - 2));
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }
}
