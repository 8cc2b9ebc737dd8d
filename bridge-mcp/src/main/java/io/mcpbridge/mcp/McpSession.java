package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection's protocol state: the negotiated revision, what the client can do, its
 * log level, the requests it has in flight (for cancellation) and the requests the server has
 * sent it (for elicitation and sampling). Thread-safe.
 */
public final class McpSession {
  private final String id;
  private final String ownerSubject;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JsonNode>> outgoing = new ConcurrentHashMap<>();
  private final AtomicLong nextOutgoingId = new AtomicLong(1);
  private volatile String protocolVersion;
  private volatile JsonNode clientCapabilities = JsonNodeFactory.instance.objectNode();
  private volatile JsonNode clientInfo = JsonNodeFactory.instance.objectNode();
  private volatile boolean initialized;
  private volatile LogLevel logLevel = LogLevel.INFO;
  private volatile Instant lastUsed;

  /**
   * @param id the session id ({@code Mcp-Session-Id} over HTTP)
   * @param owner the principal that opened it; later requests must come from the same subject
   * @param now creation time
   */
  public McpSession(String id, Principal owner, Instant now) {
    this.id = Objects.requireNonNull(id, "id");
    this.ownerSubject = owner.subject();
    this.lastUsed = now;
  }

  /** A session with a fresh random id. */
  public static McpSession open(Principal owner, Instant now) {
    return new McpSession(UUID.randomUUID().toString(), owner, now);
  }

  public String id() {
    return id;
  }

  /** True if {@code principal} may use this session (same subject as the one that opened it). */
  public boolean belongsTo(Principal principal) {
    return ownerSubject.equals(principal.subject());
  }

  /** The negotiated revision, once initialize was answered. */
  public Optional<String> protocolVersion() {
    return Optional.ofNullable(protocolVersion);
  }

  void initialize(String version, JsonNode capabilities, JsonNode info) {
    this.protocolVersion = version;
    this.clientCapabilities = capabilities == null ? JsonNodeFactory.instance.objectNode() : capabilities;
    this.clientInfo = info == null ? JsonNodeFactory.instance.objectNode() : info;
  }

  void markInitialized() {
    initialized = true;
  }

  /** True once the client sent notifications/initialized. */
  public boolean initialized() {
    return initialized;
  }

  /** True if the client declared the capability (e.g. {@code elicitation}, {@code sampling}). */
  public boolean clientSupports(String capability) {
    return clientCapabilities.has(capability) && !clientCapabilities.get(capability).isNull();
  }

  /** The client's name and version as it reported them. */
  public JsonNode clientInfo() {
    return clientInfo;
  }

  public LogLevel logLevel() {
    return logLevel;
  }

  void logLevel(LogLevel level) {
    this.logLevel = level;
  }

  /** Last time a request arrived, for expiry. */
  public Instant lastUsed() {
    return lastUsed;
  }

  /** Records activity. */
  public void touch(Instant now) {
    lastUsed = now;
  }

  InFlight begin(JsonNode requestId) {
    InFlight f = new InFlight();
    inFlight.put(key(requestId), f);
    return f;
  }

  void end(JsonNode requestId) {
    inFlight.remove(key(requestId));
  }

  /** Number of requests being handled now. */
  public int inFlightCount() {
    return inFlight.size();
  }

  void cancel(JsonNode requestId) {
    InFlight f = inFlight.get(key(requestId));
    if (f != null) {
      f.cancel();
    }
  }

  /** Registers an outgoing request and returns it with its id. */
  ObjectNode newOutgoing(String method, JsonNode params, CompletableFuture<JsonNode> answer) {
    JsonNode outgoingId = JsonNodeFactory.instance.textNode("s-" + nextOutgoingId.getAndIncrement());
    outgoing.put(key(outgoingId), answer);
    return JsonRpc.request(outgoingId, method, params);
  }

  void forgetOutgoing(JsonNode requestId) {
    outgoing.remove(key(requestId));
  }

  /** Completes an outgoing request with the client's response; false if none was waiting. */
  boolean answer(JsonNode response) {
    CompletableFuture<JsonNode> waiting = outgoing.remove(key(response.get("id")));
    if (waiting == null) {
      return false;
    }
    waiting.complete(response);
    return true;
  }

  /** Cancels everything in flight and fails every outgoing request (the session is closing). */
  public void close() {
    inFlight.values().forEach(InFlight::cancel);
    outgoing.values().forEach(f -> f.completeExceptionally(new IllegalStateException("session closed")));
    outgoing.clear();
  }

  private static String key(JsonNode requestId) {
    return requestId == null ? "null" : requestId.toString();
  }

  /** A request being handled: cancellation flag and what to do when cancelled. */
  static final class InFlight {
    private volatile boolean cancelled;
    private final java.util.List<Runnable> onCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

    boolean cancelled() {
      return cancelled;
    }

    void cancel() {
      cancelled = true;
      onCancel.forEach(Runnable::run);
    }

    void onCancel(Runnable action) {
      onCancel.add(action);
      if (cancelled) {
        action.run();
      }
    }
  }
}
