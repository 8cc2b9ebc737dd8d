package io.mcpbridge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.ErrorCode;
import io.mcpbridge.core.model.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2026-07-28 (stateless) methods. Every request carries its protocol version and client
 * capabilities in {@code _meta}; nothing is remembered between requests, so any replica can serve
 * any request. Results say {@code resultType}; list, read and discover results carry caching hints
 * ({@code ttlMs}, {@code cacheScope}); questions to the client are {@code input_required} results;
 * removed and unknown methods are -32601; a missing resource is -32602 with its URI.
 */
final class ModernMethods {
  private static final Logger LOG = LoggerFactory.getLogger(ModernMethods.class);
  /** Methods that may answer with an InputRequiredResult. */
  private static final Set<String> MAY_ASK = Set.of("tools/call", "prompts/get", "resources/read");
  /** Tool, prompt and template lists only change with a deployment. */
  static final long LIST_TTL_MS = Duration.ofMinutes(5).toMillis();
  /** What server/discover says changes only with a deployment. */
  static final long DISCOVER_TTL_MS = Duration.ofMinutes(10).toMillis();
  /** How often a quiet listen stream proves it is still open. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  /** A listen stream ends (gracefully) after this long; the client opens another. */
  static final Duration MAX_LISTEN = Duration.ofMinutes(30);

  private final ServerInfo info;
  private final McpFeatures features;
  private final ObjectMapper json;
  private final ListChanges listChanges;
  private final BiFunction<ObjectNode, Exchange, ObjectNode> completer;

  ModernMethods(ServerInfo info, McpFeatures features, ObjectMapper json, ListChanges listChanges,
      BiFunction<ObjectNode, Exchange, ObjectNode> completer) {
    this.info = info;
    this.features = features;
    this.json = json;
    this.listChanges = listChanges;
    this.completer = completer;
  }

  McpServer.Reply handle(McpSession scope, Principal principal, ObjectNode message, Channel channel,
      String correlationId) {
    JsonNode id = message.get("id");
    if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
      return malformed(JsonRpc.error(McpServer.validId(id), JsonRpc.INVALID_REQUEST, "jsonrpc must be \"2.0\""));
    }
    JsonNode method = message.get("method");
    if (method == null || !method.isTextual()) {
      return malformed(JsonRpc.error(McpServer.validId(id), JsonRpc.INVALID_REQUEST, "method must be a string"));
    }
    JsonNode rawParams = message.get("params");
    if (rawParams != null && !rawParams.isObject() && !rawParams.isNull()) {
      return malformed(JsonRpc.error(McpServer.validId(id), JsonRpc.INVALID_REQUEST, "params must be an object"));
    }
    ObjectNode params = rawParams == null || rawParams.isNull() ? json.createObjectNode() : (ObjectNode) rawParams;
    if (id == null) {
      if ("notifications/cancelled".equals(method.asText()) && params.has("requestId")) {
        scope.cancel(params.get("requestId"));
      }
      return new McpServer.Reply(Optional.empty(), true, false);
    }
    if (!id.isTextual() && !id.isIntegralNumber()) {
      return malformed(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "id must be a string or an integer"));
    }
    RequestMeta meta;
    try {
      meta = RequestMeta.read(params);
    } catch (McpProtocolException e) {
      return malformed(JsonRpc.error(id, e.code(), e.getMessage(), e.data().orElse(null)));
    }
    McpSession.InFlight inFlight = scope.begin(id);
    String name = method.asText();
    try {
      Exchange exchange = new Exchange(scope, channel, principal, correlationId, params.get("_meta"), inFlight, meta,
          params);
      ObjectNode result = dispatch(id, name, params, exchange);
      if (inFlight.cancelled()) {
        return new McpServer.Reply(Optional.empty(), true, false);
      }
      return answer(JsonRpc.result(id, complete(result)));
    } catch (InputRequiredException e) {
      if (!MAY_ASK.contains(name)) {
        LOG.error("{} asked the client for input, which only {} may do", name, MAY_ASK);
        return answer(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "internal error; quote correlation id "
            + correlationId + " when reporting it"));
      }
      return answer(JsonRpc.result(id, inputRequired(e)));
    } catch (McpProtocolException e) {
      return answer(JsonRpc.error(id, e.code(), e.getMessage(), e.data().orElse(null)));
    } catch (BridgeException e) {
      int code = e.code() == ErrorCode.NOT_FOUND ? JsonRpc.INVALID_PARAMS : McpServer.rpcCode(e.code());
      return answer(JsonRpc.error(id, code, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("MCP {} failed (correlation id {})", name, correlationId, e);
      return answer(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "internal error; quote correlation id "
          + correlationId + " when reporting it"));
    } finally {
      scope.end(id);
    }
  }

  private ObjectNode dispatch(JsonNode id, String method, ObjectNode params, Exchange exchange) {
    switch (method) {
      case "server/discover":
        return discover();
      case "tools/list":
        return cached(list("tools", features.tools().list(exchange)), LIST_TTL_MS, "private");
      case "tools/call":
        return features.tools().call(McpServer.requiredText(params, "name"), params.get("arguments"), exchange);
      case "resources/list":
        return cached(list("resources", features.resources().list(exchange)), LIST_TTL_MS, "private");
      case "resources/templates/list":
        return cached(list("resourceTemplates", features.resources().templates(exchange)), LIST_TTL_MS, "private");
      case "resources/read":
        return read(McpServer.requiredText(params, "uri"), exchange);
      case "prompts/list":
        return cached(list("prompts", features.prompts().list(exchange)), LIST_TTL_MS, "private");
      case "prompts/get":
        return features.prompts().get(McpServer.requiredText(params, "name"), params.get("arguments"), exchange);
      case "completion/complete":
        return completer.apply(params, exchange);
      case "subscriptions/listen":
        return listen(id, params, exchange);
      case "tasks/get":
        return features.tasks().get(taskId(params, exchange), exchange)
            .orElseThrow(() -> unknownTask(params));
      case "tasks/cancel":
        if (!features.tasks().cancel(taskId(params, exchange), exchange)) {
          throw unknownTask(params);
        }
        return json.createObjectNode();
      case "tasks/update":
        // Tasks of this server never wait for input, so there is nothing to update.
        taskId(params, exchange);
        throw new McpProtocolException(JsonRpc.INVALID_PARAMS, "task " + params.path("taskId").asText()
            + " is not waiting for input");
      default:
        // initialize, ping, logging/setLevel, resources/(un)subscribe are gone in 2026-07-28.
        throw new McpProtocolException(JsonRpc.METHOD_NOT_FOUND, "method not found in " + ProtocolVersions.MODERN
            + ": " + method);
    }
  }

  /** The task id of a tasks/* request, once the client is known to speak the extension. */
  private String taskId(ObjectNode params, Exchange exchange) {
    if (!exchange.clientSupportsExtension(McpTasks.EXTENSION)) {
      ObjectNode data = json.createObjectNode();
      data.putObject("requiredCapabilities").putObject("extensions").putObject(McpTasks.EXTENSION);
      throw new McpProtocolException(JsonRpc.MISSING_CLIENT_CAPABILITY, "tasks/* needs the " + McpTasks.EXTENSION
          + " extension in the request's client capabilities", data);
    }
    return McpServer.requiredText(params, "taskId");
  }

  private McpProtocolException unknownTask(ObjectNode params) {
    return new McpProtocolException(JsonRpc.INVALID_PARAMS, "unknown task " + params.path("taskId").asText(),
        json.createObjectNode().put("taskId", params.path("taskId").asText()));
  }

  private ObjectNode discover() {
    ObjectNode result = json.createObjectNode();
    ArrayNode versions = result.putArray("supportedVersions");
    ProtocolVersions.ALL.forEach(versions::add);
    ObjectNode caps = result.putObject("capabilities");
    boolean changes = listChanges.isAnnounced();
    caps.putObject("tools").put("listChanged", changes);
    caps.putObject("resources").put("listChanged", changes);
    caps.putObject("prompts").put("listChanged", changes);
    caps.putObject("completions");
    caps.putObject("logging");
    caps.putObject("extensions").putObject(McpTasks.EXTENSION);
    result.put("instructions", info.instructions());
    ObjectNode server = result.putObject("_meta").putObject(RequestMeta.SERVER_INFO);
    server.put("name", info.name());
    server.put("title", info.title());
    server.put("version", info.version());
    return cached(result, DISCOVER_TTL_MS, "public");
  }

  private ObjectNode read(String uri, Exchange exchange) {
    try {
      // Resource contents (jobs, results) change at any time.
      return cached(features.resources().read(uri, exchange), 0, "private");
    } catch (McpProtocolException e) {
      if (e.code() != JsonRpc.RESOURCE_NOT_FOUND) {
        throw e;
      }
      throw notFound(uri, e.getMessage());
    } catch (BridgeException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      throw notFound(uri, e.getMessage());
    }
  }

  private McpProtocolException notFound(String uri, String message) {
    return new McpProtocolException(JsonRpc.INVALID_PARAMS, message, json.createObjectNode().put("uri", uri));
  }

  /**
   * Holds a stream open and forwards the list changes the client asked for, each tagged with the
   * subscription id (the request's id), after an acknowledgment naming what is honoured.
   */
  private ObjectNode listen(JsonNode id, ObjectNode params, Exchange exchange) {
    JsonNode filter = params.path("notifications");
    ObjectNode agreed = json.createObjectNode();
    for (ListChanges.Kind kind : ListChanges.Kind.values()) {
      if (filter.path(kind.filterField()).asBoolean(false)) {
        agreed.put(kind.filterField(), true);
      }
    }
    ObjectNode ack = tagged(id);
    ack.set("notifications", agreed);
    CountDownLatch ended = new CountDownLatch(1);
    // Listen before acknowledging, so no change after the acknowledgment is missed; changes that
    // arrive in between are held back until the acknowledgment has gone out first.
    Object order = new Object();
    java.util.List<ListChanges.Kind> early = new java.util.ArrayList<>();
    boolean[] acknowledged = {false};
    java.util.function.Consumer<ListChanges.Kind> forward = kind -> {
      if (agreed.has(kind.filterField()) && !exchange.notify(kind.method(), tagged(id))) {
        ended.countDown();
      }
    };
    try (AutoCloseable subscription = listChanges.listen(kind -> {
      synchronized (order) {
        if (acknowledged[0]) {
          forward.accept(kind);
        } else {
          early.add(kind);
        }
      }
    })) {
      synchronized (order) {
        if (!exchange.notify("notifications/subscriptions/acknowledged", ack)) {
          throw new McpProtocolException(JsonRpc.INVALID_REQUEST,
              "subscriptions/listen needs a stream: accept text/event-stream (HTTP) or use stdio");
        }
        acknowledged[0] = true;
        early.forEach(forward);
      }
      exchange.onCancel(ended::countDown);
      long deadline = System.nanoTime() + MAX_LISTEN.toNanos();
      while (!ended.await(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS)) {
        if (!exchange.keepAlive() || System.nanoTime() > deadline) {
          break;
        }
      }
    } catch (McpProtocolException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("closing a listen stream: {}", e.getMessage());
    }
    ObjectNode result = json.createObjectNode();
    result.putObject("_meta").set(RequestMeta.SUBSCRIPTION_ID, id);
    return result;
  }

  private ObjectNode tagged(JsonNode subscriptionId) {
    ObjectNode params = json.createObjectNode();
    params.putObject("_meta").set(RequestMeta.SUBSCRIPTION_ID, subscriptionId);
    return params;
  }

  private ObjectNode inputRequired(InputRequiredException e) {
    ObjectNode result = json.createObjectNode();
    result.put("resultType", "input_required");
    result.set("inputRequests", e.inputRequests());
    e.requestState().ifPresent(state -> result.put("requestState", state));
    return result;
  }

  private ObjectNode list(String field, ArrayNode items) {
    ObjectNode result = json.createObjectNode();
    result.set(field, items);
    return result;
  }

  private static ObjectNode cached(ObjectNode result, long ttlMs, String scope) {
    result.put("ttlMs", ttlMs);
    result.put("cacheScope", scope);
    return result;
  }

  private static ObjectNode complete(ObjectNode result) {
    if (!result.has("resultType")) {
      result.put("resultType", "complete");
    }
    return result;
  }

  private static McpServer.Reply malformed(ObjectNode error) {
    return new McpServer.Reply(Optional.of(error), true, true);
  }

  private static McpServer.Reply answer(ObjectNode response) {
    return new McpServer.Reply(Optional.of(response), true, false);
  }
}
