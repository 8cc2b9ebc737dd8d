package io.mcpbridge.mcp;

/**
 * A protocol fault answered with a JSON-RPC error (as opposed to a tool failure, which is an
 * {@code isError} result). The message is safe for clients.
 */
public final class McpProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  public McpProtocolException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The JSON-RPC error code. */
  public int code() {
    return code;
  }

  static McpProtocolException invalidParams(String message) {
    return new McpProtocolException(JsonRpc.INVALID_PARAMS, message);
  }
}
