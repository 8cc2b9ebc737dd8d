package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditQueries;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers queries by day prefix. Records are stored under the day they were written, never before
 * the event happened, so a query from time T reads only the days from T's day on. Within a day the
 * batch keys carry their sequence range: batches before the paging cursor are skipped without being
 * read, and reading stops as soon as the limit is reached.
 */
final class TrailReader {
  private final ObjectStore store;

  TrailReader(ObjectStore store) {
    this.store = store;
  }

  List<AuditRecord> query(AuditQuery query) {
    Optional<LocalDate> fromDay = query.from().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC));
    List<AuditRecord> found = new ArrayList<>();
    for (LocalDate day : new TrailIndex(store).days(fromDay, Optional.empty())) {
      for (String key : store.keys(TrailKeys.day(day) + TrailKeys.RECORDS, Optional.empty(), -1)) {
        Optional<TrailKeys.Batch> batch = TrailKeys.batch(key);
        if (batch.isEmpty() || batch.get().last() <= query.afterSequence()) {
          continue;
        }
        Optional<ObjectStore.Stored> object = store.get(key);
        if (object.isEmpty()) {
          continue; // deleted since the listing: the verifier reports it
        }
        for (String line : RecordLines.split(object.get().body())) {
          AuditRecord record = AuditLines.record(line);
          if (AuditQueries.matches(query, record)) {
            found.add(record);
            if (found.size() >= query.limit()) {
              return found;
            }
          }
        }
      }
    }
    return found;
  }
}
