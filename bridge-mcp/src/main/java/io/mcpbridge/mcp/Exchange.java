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
 * (notifications, log messages, progress, server→client requests) while it runs. A 2026-07-28
 * request ({@link #modern()}) carries its client capabilities and log level itself, gets no
 * server→client requests (questions become {@link InputRequiredException}) and may bring the
 * answers to earlier questions ({@link #inputResponse}, {@link #requestState}).
 */
public final class Exchange {
  private final McpSession session;
  private final Channel channel;
  private final Principal principal;
  private final String correlationId;
  private final JsonNode meta;
  private final McpSession.InFlight inFlight;
  private final RequestMeta modern;
  private final JsonNode params;

  Exchange(McpSession session, Channel channel, Principal principal, String correlationId, JsonNode meta,
      McpSession.InFlight inFlight) {
    this(session, channel, principal, correlationId, meta, inFlight, null, null);
  }

  Exchange(McpSession session, Channel channel, Principal principal, String correlationId, JsonNode meta,
      McpSession.InFlight inFlight, RequestMeta modern, JsonNode params) {
    this.session = session;
    this.channel = channel;
    this.principal = principal;
    this.correlationId = correlationId;
    this.meta = meta == null ? JsonNodeFactory.instance.objectNode() : meta;
    this.inFlight = inFlight;
    this.modern = modern;
    this.params = params == null ? JsonNodeFactory.instance.objectNode() : params;
  }

  /** True for a 2026-07-28 (stateless) request. */
  public boolean modern() {
    return modern != null;
  }

  /**
   * True if the client declared the capability (e.g. {@code elicitation}, {@code sampling}): per
   * request in 2026-07-28, at initialize before.
   */
  public boolean clientSupports(String capability) {
    return modern != null ? modern.clientSupports(capability) : session.clientSupports(capability);
  }

  /**
   * True if this 2026-07-28 request declares the extension in
   * {@code clientCapabilities.extensions} (2025-era sessions negotiate no extensions here).
   */
  public boolean clientSupportsExtension(String extension) {
    return modern != null && modern.clientCapabilities().path("extensions").has(extension);
  }

  /** The client's answer to the question {@code key} of an earlier InputRequiredResult (2026-07-28). */
  public Optional<JsonNode> inputResponse(String key) {
    JsonNode answer = params.path("inputResponses").get(key);
    return answer == null || answer.isNull() ? Optional.empty() : Optional.of(answer);
  }

  /** The answers the client sent with this request (empty object if none). */
  public JsonNode inputResponses() {
    JsonNode answers = params.get("inputResponses");
    return answers != null && answers.isObject() ? answers : JsonNodeFactory.instance.objectNode();
  }

  /** The {@code requestState} the client echoed, if any (2026-07-28). */
  public Optional<String> requestState() {
    JsonNode state = params.get("requestState");
    return state != null && state.isTextual() ? Optional.of(state.asText()) : Optional.empty();
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

  /**
   * Sends notifications/message if the level lets it through: the session's level, or in
   * 2026-07-28 the request's {@code _meta} log level (no level, no log messages).
   */
  public void log(LogLevel level, String logger, JsonNode data) {
    LogLevel threshold = modern != null ? modern.logLevel().orElse(null) : session.logLevel();
    if (threshold == null || level.ordinal() < threshold.ordinal()) {
      return;
    }
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("level", level.wireName());
    p.put("logger", logger);
    p.set("data", data);
    channel.send(JsonRpc.notification("notifications/message", p));
  }

  /** Keeps a quiet long-lived stream open; false once the client has gone. */
  public boolean keepAlive() {
    return channel.keepAlive();
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
    if (modern != null) {
      throw new McpProtocolException(JsonRpc.INTERNAL_ERROR, "2026-07-28 has no server-to-client requests; "
          + method + " must be asked through an InputRequiredResult");
    }
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
