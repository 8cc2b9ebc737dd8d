package io.mcpbridge.core.port;

import java.time.Duration;

/**
 * What is measured about calls at the edges. Label values are bounded: tool names come from the
 * catalog, routes are route templates (never concrete paths), outcomes and statuses are small sets.
 * Implementations are thread-safe, cheap and never throw. Every method does nothing by default.
 */
public interface RequestMetrics {

  /**
   * A tool call finished, over any channel.
   *
   * @param tool the tool's catalog name
   * @param channel {@code rest}, {@code mcp} or {@code cli}
   * @param outcome {@code ok}, {@code refused} or {@code failed}
   * @param error the error's wire code when it did not succeed, else {@code none}
   * @param latency time from receipt to result
   */
  default void toolCalled(String tool, String channel, String outcome, String error, Duration latency) {}

  /**
   * An HTTP request was answered.
   *
   * @param method the HTTP method
   * @param route the matched route template (e.g. {@code /jobs/{id}/events}), or {@code unmatched}
   * @param status the response status code
   * @param latency time from receipt to response
   */
  default void httpRequest(String method, String route, int status, Duration latency) {}
}
