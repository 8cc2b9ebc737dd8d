package io.mcpbridge.core.config;

import java.util.List;

/**
 * Settings of the serving process.
 *
 * @param environment deployment environment
 * @param host bind address
 * @param port TCP port (0 = any free port)
 * @param serviceName name in health, logs and audit
 * @param logLevel root log level name
 * @param logFormat json or text lines
 * @param maxRequestBytes largest accepted request body
 * @param allowedOrigins browser origins allowed on /mcp
 */
public record ServerSettings(
    Environment environment,
    String host,
    int port,
    String serviceName,
    String logLevel,
    LogFormat logFormat,
    int maxRequestBytes,
    List<String> allowedOrigins) {
  public ServerSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** Log line formats. */
  public enum LogFormat {
    JSON,
    TEXT
  }
}
