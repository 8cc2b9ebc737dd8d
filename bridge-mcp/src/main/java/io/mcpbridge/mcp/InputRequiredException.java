package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a 2026-07-28 request handler that needs something from the client (a person's answer,
 * an LLM completion, the client's roots) before it can finish. The server answers with an
 * {@code InputRequiredResult}: the questions in {@code inputRequests} and, optionally, an opaque
 * {@code requestState} the client echoes on its retry. Only {@code tools/call}, {@code prompts/get}
 * and {@code resources/read} may end this way.
 */
public final class InputRequiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectNode inputRequests;
  private final String requestState;

  /**
   * @param inputRequests key → {@code {"method": ..., "params": ...}}
   * @param requestState what the client must send back with its answers (null for none)
   */
  public InputRequiredException(ObjectNode inputRequests, String requestState) {
    super("input required", null, false, false);
    this.inputRequests = Objects.requireNonNull(inputRequests, "inputRequests");
    this.requestState = requestState;
  }

  public ObjectNode inputRequests() {
    return inputRequests;
  }

  public Optional<String> requestState() {
    return Optional.ofNullable(requestState);
  }
}
