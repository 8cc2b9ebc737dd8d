package io.mcpbridge.http;

import java.util.Objects;

/**
 * What the HTTP edge needs to know about its process.
 *
 * @param host bind address
 * @param port TCP port (0 = any free port)
 * @param maxRequestBytes largest accepted request body
 * @param serviceName reported in /health
 * @param version reported in /health
 * @param environment reported in /health
 */
public record HttpSettings(
    String host, int port, long maxRequestBytes, String serviceName, String version, String environment) {
  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
  }
}
