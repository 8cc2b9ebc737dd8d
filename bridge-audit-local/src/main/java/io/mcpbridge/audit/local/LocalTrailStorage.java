package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditStorage;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.AuditRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail's files: records appended and forced to {@code YYYY/MM/DD.jsonl} per UTC day,
 * checkpoints to {@code YYYY/MM/DD.checkpoints.jsonl}; the head recovered from the newest file,
 * a torn last line set aside (and recorded). Holds the writer lock until released.
 */
final class LocalTrailStorage implements AuditStorage {
  private static final Logger LOG = LoggerFactory.getLogger(LocalTrailStorage.class);

  private final TrailLayout layout;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TrailWriter writer;
  private final Clock clock;

  LocalTrailStorage(TrailLayout layout, FileChannel lockChannel, FileLock lock, Clock clock) {
    this.layout = layout;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writer = new TrailWriter(layout);
    this.clock = clock;
  }

  @Override
  public Recovery recover(boolean afterFailure) throws IOException {
    if (afterFailure) {
      writer.reset();
    }
    TailRecovery recovery = new TailRecovery(layout);
    TailRecovery.Result result;
    try {
      result = recovery.recover();
    } catch (IllegalArgumentException e) {
      throw new BackendUnavailableException("the newest audit record is unreadable (" + e.getMessage()
          + "); run `bridge audit verify` on " + layout.root());
    }
    List<AuditEvent> events = new ArrayList<>();
    for (Optional<TailRecovery.TornTail> torn : List.of(result.torn(), recovery.tornCheckpointTail())) {
      if (torn.isPresent()) {
        events.add(setAside(torn.get(), result.chain()));
      }
    }
    return new Recovery(result.chain(), events);
  }

  private AuditEvent setAside(TailRecovery.TornTail torn, AuditChain head) throws IOException {
    writer.setAside(torn);
    String file = layout.display(torn.file());
    String keptIn = layout.display(layout.tornFile(torn.file()));
    LOG.warn("Audit trail {}: torn last line ({} bytes at offset {}) after an interrupted write; moved to {} and recorded",
        file, torn.bytes().length, torn.offset(), keptIn);
    return new AuditEvent(UUID.randomUUID().toString(), clock.instant(), "system.audit.torn_line",
        UUID.randomUUID().toString(), AuditIdentity.system(),
        Map.of("file", file, "offset", Long.toString(torn.offset()), "length", Integer.toString(torn.bytes().length),
            "sha256", AuditChain.sha256Hex(torn.bytes()), "keptIn", keptIn, "afterSequence", Long.toString(head.sequence())),
        Optional.empty(), Optional.empty(), "recovered", 0, Optional.empty());
  }

  @Override
  public boolean needsCheckpointBeforeBatch() {
    return false;
  }

  @Override
  public void storeRecords(List<AuditRecord> records, byte[] lines) throws IOException {
    writer.appendRecords(today(), lines);
  }

  @Override
  public void storeCheckpoint(SignedCheckpoint checkpoint) throws IOException {
    writer.appendCheckpoint(today(), checkpoint);
  }

  @Override
  public String location() {
    return layout.root().toString();
  }

  @Override
  public void release() {
    try {
      writer.close();
    } catch (IOException e) {
      LOG.warn("Audit trail {}: closing files failed: {}", layout.root(), e.toString());
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("Audit trail {}: releasing the lock failed: {}", layout.root(), e.toString());
    }
    LocalFileAuditSink.closeQuietly(lockChannel);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
