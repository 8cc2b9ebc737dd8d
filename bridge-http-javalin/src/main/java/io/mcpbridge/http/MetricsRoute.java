package io.mcpbridge.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpbridge.core.error.AuthenticationException;
import io.mcpbridge.core.port.MetricsExposition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: the Prometheus scrape. Not behind tool authentication (a scraper holds no
 * user token); when a bearer token is configured, only requests presenting it are answered.
 */
final class MetricsRoute {
  static final String PATH = "/metrics";
  private static final String BEARER = "bearer ";

  private final MetricsExposition exposition;
  private final Optional<byte[]> token;

  MetricsRoute(MetricsExposition exposition, Optional<String> token) {
    this.exposition = exposition;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  void register(JavalinConfig config) {
    config.routes.get(PATH, this::scrape);
  }

  private void scrape(Context ctx) {
    if (token.isPresent() && !presented(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
      throw new AuthenticationException("the metrics endpoint needs its bearer token");
    }
    MetricsExposition.Scrape scrape = exposition.scrape(ctx.header("Accept"));
    ctx.contentType(scrape.contentType()).result(scrape.body());
  }

  private boolean presented(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.get());
  }
}
