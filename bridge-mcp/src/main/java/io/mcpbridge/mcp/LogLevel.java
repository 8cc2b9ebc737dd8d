package io.mcpbridge.mcp;

import java.util.Locale;
import java.util.Optional;

/** The syslog severities of MCP logging, least severe first. */
public enum LogLevel {
  DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

  /** Wire name, e.g. {@code warning}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  public static Optional<LogLevel> parse(String text) {
    for (LogLevel l : values()) {
      if (l.wireName().equals(text)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
