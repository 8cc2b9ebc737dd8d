package io.mcpbridge.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Echoes or generates {@code X-Correlation-Id} and keeps it in the logging MDC for the request. */
final class CorrelationIds {
  static final String HEADER = "X-Correlation-Id";
  static final String MDC_KEY = "correlationId";
  private static final String ATTRIBUTE = "bridge.correlationId";
  // Caller-chosen ids are echoed only if harmless in logs and headers.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private CorrelationIds() {}

  static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id != null ? id : "unknown";
  }

  /** Forgets the request's MDC entries so a pooled thread does not carry them into the next request. */
  static void clear(Context ctx) {
    MDC.remove(MDC_KEY);
    MDC.remove("principal");
  }
}
