package io.mcpbridge.core.port;

import java.util.Objects;

/** The current values of every metric, in a scrape format. Thread-safe. */
public interface MetricsExposition {

  /**
   * Renders the metrics.
   *
   * @param accept the scraper's {@code Accept} header, or null; OpenMetrics when it asks for it,
   *     else the Prometheus text format 0.0.4
   * @return the body and its content type
   */
  Scrape scrape(String accept);

  /**
   * A rendered scrape.
   *
   * @param contentType the media type with version and charset
   * @param body UTF-8 text
   */
  record Scrape(String contentType, byte[] body) {
    public Scrape {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }
}
