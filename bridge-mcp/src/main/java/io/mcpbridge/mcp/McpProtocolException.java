package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A protocol fault answered with a JSON-RPC error (as opposed to a tool failure, which is an
 * {@code isError} result). The message is safe for clients; {@code data} is the error's optional
 * machine-readable detail.
 */
public final class McpProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;
  private final transient JsonNode data;

  public McpProtocolException(int code, String message) {
    this(code, message, null);
  }

  public McpProtocolException(int code, String message, JsonNode data) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
  }

  /** The JSON-RPC error code. */
  public int code() {
    return code;
  }

  /** The error's {@code data}, if any. */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data);
  }

  static McpProtocolException invalidParams(String message) {
    return new McpProtocolException(JsonRpc.INVALID_PARAMS, message);
  }
}
