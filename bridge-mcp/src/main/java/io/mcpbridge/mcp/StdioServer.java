package io.mcpbridge.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.core.model.Principal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdio: one JSON-RPC message per line in, one per line out. Requests run concurrently
 * (so a cancellation or an elicitation answer can arrive while a tool runs); a malformed line gets
 * a -32700 reply and the session goes on; end of input finishes the work in flight, then returns.
 * Nothing but protocol messages is written to the output.
 */
public final class StdioServer {
  private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

  private final McpServer server;
  private final Principal principal;
  private final ObjectMapper json;
  private final Clock clock;
  private final int maxLineChars;

  /**
   * @param principal who the process acts for (the local user with a role)
   * @param maxLineChars longest accepted message
   */
  public StdioServer(McpServer server, Principal principal, ObjectMapper json, Clock clock, int maxLineChars) {
    this.server = server;
    this.principal = principal;
    this.json = json;
    this.clock = clock;
    this.maxLineChars = maxLineChars;
  }

  /** Serves until end of input; returns once every request in flight has been answered. */
  public void serve(InputStream in, OutputStream out) throws IOException {
    McpSession session = McpSession.open(principal, clock.instant());
    Object writeLock = new Object();
    Channel channel = message -> write(out, message, writeLock);
    ExecutorService workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mcp-stdio");
      t.setDaemon(true);
      return t;
    });
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > maxLineChars) {
          write(out, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "message larger than " + maxLineChars + " characters"),
              writeLock);
          continue;
        }
        JsonNode message;
        try {
          message = json.readTree(line);
        } catch (JsonProcessingException e) {
          write(out, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "parse error: not valid JSON"), writeLock);
          continue;
        }
        String correlationId = UUID.randomUUID().toString();
        // initialize runs inline so that requests written right behind it see the negotiated session.
        if (message != null && JsonRpc.isRequest(message) && !"initialize".equals(message.path("method").asText())) {
          workers.execute(() -> server.handle(session, principal, message, channel, correlationId)
              .ifPresent(reply -> write(out, reply, writeLock)));
        } else {
          // Notifications and responses are handled in order, at once: they unblock waiting requests.
          server.handle(session, principal, message, channel, correlationId).ifPresent(reply -> write(out, reply, writeLock));
        }
      }
    } finally {
      workers.shutdown();
      try {
        if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
          LOG.warn("stdio requests still running after end of input; abandoning them");
          session.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean write(OutputStream out, ObjectNode message, Object lock) {
    try {
      byte[] bytes = json.writeValueAsBytes(message);
      synchronized (lock) {
        out.write(bytes);
        out.write('\n');
        out.flush();
      }
      return true;
    } catch (IOException e) {
      LOG.warn("cannot write to stdout: {}", e.getMessage());
      return false;
    }
  }
}
