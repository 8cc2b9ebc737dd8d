package io.mcpbridge.core.port;

import io.mcpbridge.core.model.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls a tool, in which request.
 *
 * @param principal the authenticated caller
 * @param correlationId the request's correlation id
 * @param idempotencyKey the caller's idempotency key, if any (header or body)
 * @param channel the edge the call came through: {@code rest}, {@code mcp}, {@code cli}
 * @param requestSha256 digest of the raw request body, if the edge has one
 */
public record ToolContext(
    Principal principal, String correlationId, Optional<String> idempotencyKey, String channel,
    Optional<String> requestSha256) {
  public ToolContext {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(requestSha256, "requestSha256");
  }
}
