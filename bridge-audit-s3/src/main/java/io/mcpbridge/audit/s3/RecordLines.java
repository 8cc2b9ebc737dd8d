package io.mcpbridge.audit.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stored object body into its lines; decoding each line is core's
 * {@link io.mcpbridge.core.audit.AuditLines}. Thread-safe.
 */
final class RecordLines {
  private RecordLines() {}

  /** The lines of an object body; every line must end in '\n'. */
  static List<String> split(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("object does not end with a newline");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      lines.add(text.substring(start, i));
      start = i + 1;
    }
    return lines;
  }
}
