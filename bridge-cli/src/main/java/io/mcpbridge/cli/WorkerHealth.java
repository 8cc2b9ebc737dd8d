package io.mcpbridge.cli;

import com.sun.net.httpserver.HttpServer;
import io.mcpbridge.core.port.MetricsExposition;
import io.mcpbridge.jobs.queue.QueueWorker;
import io.mcpbridge.metrics.MetricsHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A worker's own small HTTP endpoint: {@code GET /health} answers 200 while the worker takes work
 * and reaches its broker, 503 otherwise (stopping, or broker unreachable for a lease), with a JSON
 * body naming the worker, its running attempts and the broker state. {@code GET /metrics} on the
 * same port serves the worker's Prometheus metrics (unless METRICS_ENABLED=false), behind
 * METRICS_TOKEN when set.
 */
final class WorkerHealth implements AutoCloseable {
  private final HttpServer server;

  private WorkerHealth(HttpServer server) {
    this.server = server;
  }

  static WorkerHealth start(String host, int port, QueueWorker worker, Optional<MetricsExposition> metrics,
      Optional<String> metricsToken) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    metrics.ifPresent(m -> MetricsHttpServer.serveOn(server, m, metricsToken));
    server.createContext("/health", exchange -> {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        boolean broker = worker.brokerReachable();
        boolean up = broker && !worker.stopping();
        String body = "{\"status\":\"" + (up ? "ok" : "unavailable") + "\",\"worker\":\"" + worker.id()
            + "\",\"running\":" + worker.runningAttempts() + ",\"broker\":\"" + (broker ? "up" : "down")
            + "\",\"stopping\":" + worker.stopping() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(up ? 200 : 503, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "worker-health");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return new WorkerHealth(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
