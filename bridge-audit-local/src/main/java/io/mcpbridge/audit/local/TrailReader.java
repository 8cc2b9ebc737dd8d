package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditQueries;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Answers queries from the files. Whole files before the paging cursor are skipped by looking
 * only at the first record of the next file; an unterminated last line (being written, or torn) is
 * not a record yet and is ignored.
 */
final class TrailReader {
  private final TrailLayout layout;

  TrailReader(TrailLayout layout) {
    this.layout = layout;
  }

  List<AuditRecord> query(AuditQuery query) throws IOException {
    List<TrailLayout.DayFile> files = layout.eventFiles();
    List<AuditRecord> found = new ArrayList<>();
    for (int i = 0; i < files.size() && found.size() < query.limit(); i++) {
      if (i + 1 < files.size()) {
        OptionalLong nextFirst = firstSequence(files.get(i + 1).path());
        if (nextFirst.isPresent() && nextFirst.getAsLong() <= query.afterSequence() + 1) {
          continue;
        }
      }
      Path file = files.get(i).path();
      JsonlLines.read(file, (lineNumber, text, terminated) -> {
        if (!terminated || text.isEmpty()) {
          return true;
        }
        AuditRecord record = parse(file, lineNumber, text);
        if (AuditQueries.matches(query, record)) {
          found.add(record);
        }
        return found.size() < query.limit();
      });
    }
    return found;
  }

  private OptionalLong firstSequence(Path file) throws IOException {
    long[] first = {-1};
    JsonlLines.read(file, (lineNumber, text, terminated) -> {
      if (terminated) {
        first[0] = parse(file, lineNumber, text).sequence();
      }
      return false;
    });
    return first[0] < 0 ? OptionalLong.empty() : OptionalLong.of(first[0]);
  }

  private AuditRecord parse(Path file, long lineNumber, String text) {
    try {
      return AuditLines.record(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("unreadable audit record at " + layout.display(file) + ":" + lineNumber
          + " (" + e.getMessage() + "); run `bridge audit verify`", e);
    }
  }
}
