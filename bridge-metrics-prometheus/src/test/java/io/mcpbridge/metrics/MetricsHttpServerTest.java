package io.mcpbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void servesTheScrapeOnlyToTheTokenHolder() throws Exception {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly();
        MetricsHttpServer server = MetricsHttpServer.start("127.0.0.1", 0, m, Optional.of("scrape-secret-0123456789"))) {
      m.jobs().submitted();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      HttpResponse<String> anonymous = get(uri, Optional.empty());
      HttpResponse<String> wrong = get(uri, Optional.of("Bearer scrape-secret-01234567890"));
      HttpResponse<String> right = get(uri, Optional.of("Bearer scrape-secret-0123456789"));
      HttpResponse<String> other = get(URI.create("http://127.0.0.1:" + server.port() + "/other"),
          Optional.of("Bearer scrape-secret-0123456789"));

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("bridge_");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.TEXT_004);
      assertThat(right.body()).contains("bridge_jobs_submitted_total 1.0");
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void servesOnAServerItDoesNotOwnNextToItsOtherPaths() throws Exception {
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 4);
    http.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    try (PrometheusMetrics m = PrometheusMetrics.productOnly()) {
      MetricsHttpServer.serveOn(http, m, Optional.of("scrape-secret-0123456789"));
      http.start();
      m.jobs().submitted();
      String base = "http://127.0.0.1:" + http.getAddress().getPort();
      HttpResponse<String> anonymous = get(URI.create(base + "/metrics"), Optional.empty());
      HttpResponse<String> right = get(URI.create(base + "/metrics"), Optional.of("Bearer scrape-secret-0123456789"));
      HttpResponse<String> health = get(URI.create(base + "/health"), Optional.empty());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("bridge_jobs_submitted_total 1.0");
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      http.stop(0);
    }
  }

  @Test
  void withoutATokenAnyScraperIsAnswered() throws Exception {
    try (PrometheusMetrics m = PrometheusMetrics.productOnly();
        MetricsHttpServer server = MetricsHttpServer.start("127.0.0.1", 0, m, Optional.empty())) {
      HttpResponse<String> r = get(URI.create("http://127.0.0.1:" + server.port() + "/metrics"), Optional.empty());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("bridge_jobs_started_total 0.0");
    }
  }

  private HttpResponse<String> get(URI uri, Optional<String> authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    authorization.ifPresent(a -> b.header("Authorization", a));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
