package io.mcpbridge.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mcpbridge.core.port.MetricsExposition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A listener of its own serving only {@code GET /metrics}: for a metrics port apart from the API,
 * and for processes without an HTTP server (workers). Closing releases the port. Launchers set
 * {@code -Dsun.net.httpserver.nodelay=true} first: without TCP_NODELAY the JDK server waits for
 * delayed ACKs, about 40 ms per scrape.
 */
public final class MetricsHttpServer implements AutoCloseable {
  private static final String PATH = "/metrics";
  private static final String BEARER = "bearer ";

  private final HttpServer server;
  private final ExecutorService executor;
  private final MetricsExposition exposition;
  private final Optional<byte[]> token;

  private MetricsHttpServer(HttpServer server, MetricsExposition exposition, Optional<String> token) {
    this.server = server;
    this.exposition = exposition;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bridge-metrics");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Binds and starts the listener.
   *
   * @param host bind address
   * @param port TCP port (0 = any free port)
   * @param exposition what is served
   * @param token bearer token a scraper must present, if any
   * @return the running listener
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static MetricsHttpServer start(String host, int port, MetricsExposition exposition, Optional<String> token) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the metrics listener on " + host + ":" + port, e);
    }
    MetricsHttpServer server = new MetricsHttpServer(http, exposition, token);
    http.createContext("/", server::handle);
    http.setExecutor(server.executor);
    http.start();
    return server;
  }

  /**
   * Serves {@code GET /metrics} on a JDK HTTP server the caller owns (a worker's health port),
   * with the same token check as the listener of its own.
   *
   * @param http the caller's server; its executor runs the scrapes
   * @param exposition what is served
   * @param token bearer token a scraper must present, if any
   */
  public static void serveOn(HttpServer http, MetricsExposition exposition, Optional<String> token) {
    MetricsHttpServer handler = new MetricsHttpServer(http, exposition, token);
    handler.executor.shutdown(); // the caller's server runs the scrapes
    http.createContext(PATH, handler::handle);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (token.isPresent() && !presented(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"metrics\"");
        send(exchange, 401, "text/plain; charset=utf-8", "the metrics endpoint needs its bearer token\n"
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      MetricsExposition.Scrape scrape = exposition.scrape(exchange.getRequestHeaders().getFirst("Accept"));
      send(exchange, 200, scrape.contentType(), scrape.body());
    }
  }

  private boolean presented(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return MessageDigest.isEqual(header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8), token.get());
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
