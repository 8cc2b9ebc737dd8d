package io.mcpbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.Principal;
import io.mcpbridge.mcp.Channel;
import io.mcpbridge.mcp.JsonRpc;
import io.mcpbridge.mcp.McpServer;
import io.mcpbridge.mcp.McpSession;
import io.mcpbridge.mcp.ProtocolVersions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP Streamable HTTP at {@code /mcp}, both eras on one endpoint, decided per request. A POST whose
 * body declares {@code _meta["io.modelcontextprotocol/protocolVersion"]} (or whose
 * MCP-Protocol-Version header names 2026-07-28) is served statelessly: no session is looked up or
 * minted, the mirrored headers must match the body (-32020), and errors map to 400 (malformed,
 * header mismatch, unsupported version, missing client capability) or 404 (unknown method); its
 * response becomes an SSE stream only once something is sent before the result. Everything else
 * is 2025-era traffic: POST carries one JSON-RPC message: notifications and
 * responses get 202; requests get a JSON reply, or an SSE stream (when the client accepts it) for
 * tool calls, so progress, log messages and elicitation travel before the result. GET answers 405
 * (no standalone stream); DELETE ends the session. Sessions are issued at initialize, bound to the
 * caller and expire when idle. Origin/Host are checked (403), unsupported MCP-Protocol-Version is
 * 400, oversized bodies 413, missing or bad tokens 401 pointing at the protected-resource metadata.
 */
final class McpHttpRoutes {
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  static final String PATH = "/mcp";
  static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpRoutes.class);

  private final McpServer server;
  private final Authenticator authenticator;
  private final McpHttpSettings settings;
  private final OriginPolicy origins;
  private final ObjectMapper json;
  private final Clock clock;
  private final long maxBodyBytes;
  /** Sessions one caller may hold at once. */
  static final int MAX_SESSIONS_PER_CALLER = 16;

  private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();

  McpHttpRoutes(McpServer server, Authenticator authenticator, McpHttpSettings settings, String bindHost,
      long maxBodyBytes, ObjectMapper json, Clock clock) {
    this.server = server;
    this.authenticator = authenticator;
    this.settings = settings;
    this.origins = new OriginPolicy(settings.allowedOrigins(), bindHost);
    this.maxBodyBytes = maxBodyBytes;
    this.json = json;
    this.clock = clock;
  }

  void register(JavalinConfig config) {
    config.routes.post(PATH, this::post);
    config.routes.get(PATH, this::get);
    config.routes.delete(PATH, this::delete);
    config.routes.get(METADATA_PATH, this::metadata);
    config.routes.get(METADATA_PATH + PATH, this::metadata);
  }

  /** RFC 9728 protected-resource metadata. */
  private void metadata(Context ctx) {
    ObjectNode doc = json.createObjectNode();
    doc.put("resource", baseUrl(ctx) + PATH);
    settings.authorizationServer().ifPresent(issuer -> doc.putArray("authorization_servers").add(issuer.toString()));
    doc.putArray("bearer_methods_supported").add("header");
    doc.putArray("scopes_supported");
    doc.put("resource_name", "MCP Bridge");
    ctx.json(doc);
  }

  private void post(Context ctx) throws IOException {
    Optional<Principal> caller = guard(ctx, false);
    if (caller.isEmpty()) {
      return;
    }
    Principal principal = caller.get();
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBodyBytes) {
      rpcError(ctx, 413, JsonRpc.INVALID_REQUEST, "request body larger than " + maxBodyBytes + " bytes");
      return;
    }
    JsonNode message;
    try {
      message = json.readTree(body);
    } catch (JsonProcessingException e) {
      rpcError(ctx, 400, JsonRpc.PARSE_ERROR, "parse error: not valid JSON");
      return;
    }
    if (message == null || !message.isObject()) {
      rpcError(ctx, 400, JsonRpc.INVALID_REQUEST, "the body must be one JSON-RPC message object");
      return;
    }
    String headerVersion = ctx.header(VERSION_HEADER);
    boolean modernHeader = headerVersion != null && ProtocolVersions.isModern(headerVersion.trim());
    if (!JsonRpc.isResponse(message) && (McpServer.isModern(message) || modernHeader)) {
      modern(ctx, principal, message, modernHeader);
      return;
    }
    if (!versionSupported(ctx)) {
      return;
    }
    boolean initialize = "initialize".equals(message.path("method").asText()) && JsonRpc.isRequest(message);
    McpSession session;
    if (initialize) {
      expireIdle();
      if (sessions.size() >= settings.maxSessions()) {
        throw new BackendUnavailableException("too many open MCP sessions; try again later");
      }
      evictOldestIdleBeyondCallerLimit(principal);
      session = McpSession.open(principal, clock.instant());
    } else {
      Optional<McpSession> found = session(ctx, principal);
      if (found.isEmpty()) {
        return;
      }
      session = found.get();
    }
    String correlationId = CorrelationIds.of(ctx);
    if (!JsonRpc.isRequest(message)) {
      server.handle(session, principal, message, Channel.none(), correlationId);
      ctx.status(202);
      return;
    }
    if (!initialize && "tools/call".equals(message.path("method").asText()) && accepts(ctx, "text/event-stream")) {
      stream(ctx, session, principal, message, correlationId);
      return;
    }
    Optional<ObjectNode> reply = server.handle(session, principal, message, Channel.none(), correlationId);
    if (initialize && reply.isPresent() && reply.get().has("result")) {
      sessions.put(session.id(), session);
      ctx.header(SESSION_HEADER, session.id());
    }
    if (reply.isPresent()) {
      ctx.status(200).contentType("application/json").result(json.writeValueAsBytes(reply.get()));
    } else {
      ctx.status(202);
    }
  }

  /** One 2026-07-28 request: headers checked against the body, served without a session. */
  private void modern(Context ctx, Principal principal, JsonNode message, boolean modernHeader) throws IOException {
    String correlationId = CorrelationIds.of(ctx);
    if (JsonRpc.isRequest(message)) {
      Optional<String> mismatch = McpRequestHeaders.mismatch(message, ctx::header);
      if (mismatch.isPresent()) {
        JsonNode id = message.get("id");
        ObjectNode error = JsonRpc.error(id.isTextual() || id.isIntegralNumber() ? id : null, JsonRpc.HEADER_MISMATCH,
            "Header mismatch: " + mismatch.get());
        ctx.status(400).contentType("application/json").result(json.writeValueAsBytes(error));
        return;
      }
    }
    // A per-request scope for cancellation only: nothing outlives the request, nothing is minted.
    McpSession scope = McpSession.open(principal, clock.instant());
    if (!JsonRpc.isRequest(message)) {
      server.process(scope, principal, message, Channel.none(), correlationId, modernHeader);
      ctx.status(202);
      return;
    }
    LazyEventStream stream = accepts(ctx, "text/event-stream") ? new LazyEventStream(ctx) : null;
    McpServer.Reply reply;
    try {
      reply = server.process(scope, principal, message, stream == null ? Channel.none() : stream, correlationId,
          modernHeader);
    } finally {
      scope.close();
    }
    if (stream != null && stream.started()) {
      reply.message().ifPresent(stream::send);
      stream.finish();
      return;
    }
    if (reply.message().isEmpty()) {
      ctx.status(202);
      return;
    }
    ctx.status(modernStatus(reply)).contentType("application/json").result(json.writeValueAsBytes(reply.message().get()));
  }

  /** HTTP status of a 2026-07-28 answer: 404 unknown method, 400 refused request, else 200. */
  static int modernStatus(McpServer.Reply reply) {
    int code = reply.errorCode().orElse(0);
    if (code == JsonRpc.METHOD_NOT_FOUND) {
      return 404;
    }
    if (reply.malformed() || code == JsonRpc.HEADER_MISMATCH || code == JsonRpc.MISSING_CLIENT_CAPABILITY
        || code == JsonRpc.UNSUPPORTED_PROTOCOL_VERSION || code == JsonRpc.PARSE_ERROR) {
      return 400;
    }
    return 200;
  }

  /**
   * An SSE response opened by the first message sent before the result, so that a request that
   * sends nothing early is answered as plain JSON with its proper status.
   */
  private final class LazyEventStream implements Channel {
    private final Context ctx;
    private OutputStream out;
    private boolean broken;

    LazyEventStream(Context ctx) {
      this.ctx = ctx;
    }

    synchronized boolean started() {
      return out != null;
    }

    @Override
    public synchronized boolean send(ObjectNode message) {
      if (broken) {
        return false;
      }
      try {
        open();
        out.write(("event: message\ndata: " + json.writeValueAsString(message) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
      } catch (IOException e) {
        broken = true;
        LOG.debug("MCP stream closed by the client: {}", e.getMessage());
        return false;
      }
    }

    @Override
    public synchronized boolean keepAlive() {
      if (broken) {
        return false;
      }
      try {
        open();
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
      } catch (IOException e) {
        broken = true;
        return false;
      }
    }

    private void open() throws IOException {
      if (out == null) {
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        out = ctx.res().getOutputStream();
      }
    }

    synchronized void finish() throws IOException {
      if (out != null && !broken) {
        out.flush();
      }
    }
  }

  /** Answers one request as an SSE stream: notifications and server requests first, the response last. */
  private void stream(Context ctx, McpSession session, Principal principal, JsonNode message, String correlationId)
      throws IOException {
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream");
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    Object lock = new Object();
    Channel channel = m -> writeEvent(out, m, lock);
    Optional<ObjectNode> reply = server.handle(session, principal, message, channel, correlationId);
    reply.ifPresent(r -> writeEvent(out, r, lock));
    out.flush();
  }

  private boolean writeEvent(OutputStream out, ObjectNode message, Object lock) {
    try {
      byte[] data = ("event: message\ndata: " + json.writeValueAsString(message) + "\n\n").getBytes(StandardCharsets.UTF_8);
      synchronized (lock) {
        out.write(data);
        out.flush();
      }
      return true;
    } catch (IOException e) {
      LOG.debug("MCP stream closed by the client: {}", e.getMessage());
      return false;
    }
  }

  private void get(Context ctx) {
    if (guard(ctx, !modernHeader(ctx)).isEmpty()) {
      return;
    }
    ctx.header("Allow", "POST, DELETE");
    rpcError(ctx, 405, JsonRpc.INVALID_REQUEST, "this server offers no standalone stream; POST requests to " + PATH);
  }

  private void delete(Context ctx) {
    Optional<Principal> caller = guard(ctx, !modernHeader(ctx));
    if (caller.isEmpty()) {
      return;
    }
    if (modernHeader(ctx)) {
      ctx.header("Allow", "POST");
      rpcError(ctx, 405, JsonRpc.INVALID_REQUEST, ProtocolVersions.MODERN + " has no sessions to end");
      return;
    }
    Optional<McpSession> session = session(ctx, caller.get());
    if (session.isEmpty()) {
      return;
    }
    sessions.remove(session.get().id());
    session.get().close();
    ctx.status(200);
  }

  /**
   * Origin, Host, (for 2025-era methods) protocol version, and authentication; on refusal the
   * response is written and empty returned. Authentication comes before anything is read from the
   * body, so an unauthenticated request of either era gets the same 401 challenge.
   */
  private Optional<Principal> guard(Context ctx, boolean legacyVersion) {
    if (!origins.originAllowed(ctx.header("Origin")) || !origins.hostAllowed(ctx.header("Host"))) {
      rpcError(ctx, 403, JsonRpc.INVALID_REQUEST, "origin or host not allowed");
      return Optional.empty();
    }
    if (legacyVersion && !versionSupported(ctx)) {
      return Optional.empty();
    }
    try {
      return Optional.of(authenticator.authenticate(ctx));
    } catch (AuthenticationException e) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\", resource_metadata=\""
          + baseUrl(ctx) + METADATA_PATH + "\"");
      rpcError(ctx, 401, JsonRpc.INVALID_REQUEST, "unauthenticated: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** True if the MCP-Protocol-Version header names a 2026-07-28 (stateless) revision. */
  private static boolean modernHeader(Context ctx) {
    String version = ctx.header(VERSION_HEADER);
    return version != null && ProtocolVersions.isModern(version.trim());
  }

  /** False (and 400 written) if a 2025-era request names a revision this server does not speak. */
  private boolean versionSupported(Context ctx) {
    String version = ctx.header(VERSION_HEADER);
    if (version != null && !ProtocolVersions.isSupported(version.trim())) {
      rpcError(ctx, 400, JsonRpc.INVALID_REQUEST, "unsupported " + VERSION_HEADER + "; supported: "
          + String.join(", ", ProtocolVersions.ALL) + " (" + ProtocolVersions.MODERN
          + " per request with params._meta, the others after initialize)");
      return false;
    }
    return true;
  }

  private Optional<McpSession> session(Context ctx, Principal principal) {
    String id = ctx.header(SESSION_HEADER);
    if (id == null || id.isBlank()) {
      rpcError(ctx, 400, JsonRpc.INVALID_REQUEST, SESSION_HEADER + " header is required (send initialize first)");
      return Optional.empty();
    }
    expireIdle();
    McpSession session = sessions.get(id.trim());
    // A session of another caller is reported as unknown: ids are not to be probed.
    if (session == null || !session.belongsTo(principal)) {
      rpcError(ctx, 404, JsonRpc.INVALID_REQUEST, "unknown or expired session; initialize again");
      return Optional.empty();
    }
    session.touch(clock.instant());
    return Optional.of(session);
  }

  /**
   * One caller may hold at most {@link #MAX_SESSIONS_PER_CALLER} sessions; opening another closes
   * that caller's least recently used idle session, so one caller cannot use up every slot.
   */
  private void evictOldestIdleBeyondCallerLimit(Principal principal) {
    List<McpSession> mine = sessions.values().stream().filter(s -> s.belongsTo(principal)).toList();
    if (mine.size() < MAX_SESSIONS_PER_CALLER) {
      return;
    }
    mine.stream().filter(s -> s.inFlightCount() == 0).min(java.util.Comparator.comparing(McpSession::lastUsed))
        .ifPresentOrElse(oldest -> {
          sessions.remove(oldest.id());
          oldest.close();
        }, () -> {
          throw new io.mcpbridge.core.error.RateLimitedException(
              "too many MCP sessions for this caller; close one (DELETE /mcp) or wait", 5);
        });
  }

  private void expireIdle() {
    Instant cutoff = clock.instant().minus(settings.sessionIdleTimeout());
    sessions.values().removeIf(s -> {
      boolean idle = s.lastUsed().isBefore(cutoff) && s.inFlightCount() == 0;
      if (idle) {
        s.close();
      }
      return idle;
    });
  }

  private String baseUrl(Context ctx) {
    return settings.publicBaseUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
        .orElseGet(() -> ctx.scheme() + "://" + ctx.host());
  }

  private static boolean accepts(Context ctx, String type) {
    String accept = ctx.header("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(type);
  }

  private void rpcError(Context ctx, int status, int code, String message) {
    try {
      ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(JsonRpc.error(null, code, message)));
    } catch (JsonProcessingException e) {
      ctx.status(status);
    }
  }
}
