package io.mcpbridge.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.mcpbridge.core.config.ServerSettings;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for long-running commands: JSON lines (one object per event, MDC included)
 * or readable text, on stdout for servers or stderr where stdout carries a protocol (stdio MCP).
 */
final class LoggingSetup {
  private static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} cid=%X{correlationId:-} principal=%X{principal:-} - %msg%n";

  private LoggingSetup() {}

  /** Where log lines go. */
  enum Target {
    STDOUT("System.out"),
    STDERR("System.err");

    private final String consoleName;

    Target(String consoleName) {
      this.consoleName = consoleName;
    }
  }

  static void configure(String level, ServerSettings.LogFormat format, Target target) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Encoder<ILoggingEvent> encoder = format == ServerSettings.LogFormat.JSON ? json(context) : text(context);
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("console");
    appender.setTarget(target.consoleName);
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(appender);
    // Jetty is chatty at INFO; its warnings still come through.
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
  }

  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonLineEncoder encoder = new JsonLineEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }
}
