package io.mcpbridge.audit.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSONL file line by line, telling whether each line was terminated: an unterminated
 * last line is what a write cut short by a crash leaves behind.
 */
final class JsonlLines {
  private JsonlLines() {}

  /** Receives one line. */
  @FunctionalInterface
  interface LineConsumer {
    /** Returns false to stop reading. */
    boolean accept(long lineNumber, String text, boolean terminated);
  }

  static void read(Path file, LineConsumer consumer) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      long lineNumber = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line.write(buffer, start, i - start);
            if (!consumer.accept(++lineNumber, line.toString(StandardCharsets.UTF_8), true)) {
              return;
            }
            line.reset();
            start = i + 1;
          }
        }
        line.write(buffer, start, n - start);
      }
      if (line.size() > 0) {
        consumer.accept(++lineNumber, line.toString(StandardCharsets.UTF_8), false);
      }
    }
  }
}
