package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a server-initiated message goes while a request is handled: notifications (progress, log
 * messages) and server→client requests (elicitation, sampling). The transport decides how: a
 * line on stdout, an event on the request's SSE stream, or the session's standalone stream.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Channel {
  /**
   * Sends one JSON-RPC message.
   *
   * @return false if the message could not be delivered (no stream, client gone)
   */
  boolean send(ObjectNode message);

  /**
   * Proves the way back is still open on an otherwise quiet long-lived stream (an SSE comment over
   * HTTP); false once the client has gone.
   */
  default boolean keepAlive() {
    return true;
  }

  /** A channel that drops everything (plain JSON responses without a stream). */
  static Channel none() {
    return message -> false;
  }
}
