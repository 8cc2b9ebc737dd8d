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
 * @param confirmedBy how a person confirmed this call, as the edge established it (e.g.
 *     {@code header}, {@code --yes}, {@code elicitation}, {@code nonce}, {@code input_required});
 *     empty if nobody did. Critical tools refuse to run without it (see
 *     {@link io.mcpbridge.core.service.ToolInvoker}); the edge only says how it was obtained.
 */
public record ToolContext(
    Principal principal, String correlationId, Optional<String> idempotencyKey, String channel,
    Optional<String> requestSha256, Optional<String> confirmedBy) {
  public ToolContext {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(requestSha256, "requestSha256");
    Objects.requireNonNull(confirmedBy, "confirmedBy");
    confirmedBy.ifPresent(c -> {
      if (c.isBlank()) {
        throw new IllegalArgumentException("confirmedBy must name how the call was confirmed");
      }
    });
  }

  /** A call nobody has confirmed (enough for every tool that is not critical). */
  public ToolContext(Principal principal, String correlationId, Optional<String> idempotencyKey, String channel,
      Optional<String> requestSha256) {
    this(principal, correlationId, idempotencyKey, channel, requestSha256, Optional.empty());
  }
}
