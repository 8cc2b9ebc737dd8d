package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One request being handled: who asked, in which session, and the ways back to the client
 * (notifications, log messages, progress, server→client requests) while it runs.
 */
public final class Exchange {
  private final McpSession session;
  private final Channel channel;
  private final Principal principal;
  private final String correlationId;
  private final JsonNode meta;
  private final McpSession.InFlight inFlight;

  Exchange(McpSession session, Channel channel, Principal principal, String correlationId, JsonNode meta,
      McpSession.InFlight inFlight) {
    this.session = session;
    this.channel = channel;
    this.principal = principal;
    this.correlationId = correlationId;
    this.meta = meta == null ? JsonNodeFactory.instance.objectNode() : meta;
    this.inFlight = inFlight;
  }

  public McpSession session() {
    return session;
  }

  public Principal principal() {
    return principal;
  }

  public String correlationId() {
    return correlationId;
  }

  /** The request's {@code params._meta} (empty object if absent). */
  public JsonNode meta() {
    return meta;
  }

  /** The client's progress token, if it asked for progress. */
  public Optional<JsonNode> progressToken() {
    JsonNode token = meta.get("progressToken");
    return token == null || token.isNull() ? Optional.empty() : Optional.of(token);
  }

  /** True once the client cancelled this request. */
  public boolean cancelled() {
    return inFlight.cancelled();
  }

  /** Runs {@code action} when the client cancels this request (at once if it already has). */
  public void onCancel(Runnable action) {
    inFlight.onCancel(action);
  }

  /** Sends notifications/progress if the client asked for progress. */
  public void progress(double progress, Double total, String message) {
    progressToken().ifPresent(token -> {
      ObjectNode p = JsonNodeFactory.instance.objectNode();
      p.set("progressToken", token);
      p.put("progress", progress);
      if (total != null) {
        p.put("total", total);
      }
      if (message != null) {
        p.put("message", message);
      }
      channel.send(JsonRpc.notification("notifications/progress", p));
    });
  }

  /** Sends notifications/message if the session's level lets it through. */
  public void log(LogLevel level, String logger, JsonNode data) {
    if (level.ordinal() < session.logLevel().ordinal()) {
      return;
    }
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("level", level.wireName());
    p.put("logger", logger);
    p.set("data", data);
    channel.send(JsonRpc.notification("notifications/message", p));
  }

  /** Sends any notification. */
  public boolean notify(String method, JsonNode params) {
    return channel.send(JsonRpc.notification(method, params));
  }

  /**
   * Asks the client something (elicitation/create, sampling/createMessage) and waits for the
   * answer.
   *
   * @return the client's {@code result}
   * @throws McpProtocolException if the client answered with an error, could not be reached,
   *     or did not answer in time
   */
  public JsonNode request(String method, JsonNode params, Duration timeout) {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    ObjectNode request = session.newOutgoing(method, params, answer);
    if (!channel.send(request)) {
      session.forgetOutgoing(request.get("id"));
      throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, "cannot reach the client for " + method
          + " (no open stream)");
    }
    onCancel(() -> answer.completeExceptionally(new IllegalStateException("cancelled")));
    try {
      JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (response.has("error")) {
        throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, "the client refused " + method + ": "
            + response.path("error").path("message").asText("error"));
      }
      return response.path("result");
    } catch (java.util.concurrent.TimeoutException e) {
      session.forgetOutgoing(request.get("id"));
      throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, "the client did not answer " + method + " in time");
    } catch (ExecutionException e) {
      throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, method + " was abandoned: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, method + " was interrupted");
    }
  }
}
