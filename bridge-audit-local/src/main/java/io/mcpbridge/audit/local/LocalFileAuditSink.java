package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditTrailWriter;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.NoMetrics;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * The audit trail as hash-chained JSONL files under one directory (layout: {@code YYYY/MM/DD.jsonl}
 * per UTC day, checkpoints in {@code YYYY/MM/DD.checkpoints.jsonl}). One chain spans every file.
 *
 * <p>Durability: {@link #append} returns only after the record is written and forced to disk.
 * Appends are group-committed by core's {@link AuditTrailWriter}: one write and one force per
 * batch of waiting events.
 *
 * <p>One writer per trail: an exclusive lock on {@code audit.lock} is held while open. On open, the
 * head is recovered from the newest file; a torn last line is moved to a {@code .torn} file, logged
 * and recorded as a {@code system.audit.torn_line} event. Signed checkpoints are written on open,
 * every N events or T seconds, and on close.
 */
public final class LocalFileAuditSink implements AuditSink {
  private static final int MAX_BATCH = 8192;

  private final TrailLayout layout;
  private final AuditTrailWriter writer;

  private LocalFileAuditSink(TrailLayout layout, AuditTrailWriter writer) {
    this.layout = layout;
    this.writer = writer;
  }

  /** Opens the trail without reporting metrics; see {@link #open(LocalAuditSettings, AuditMetrics)}. */
  public static LocalFileAuditSink open(LocalAuditSettings settings) {
    return open(settings, NoMetrics.INSTANCE);
  }

  /**
   * Opens the trail: takes the writer lock, recovers the head, sets aside a torn last line and
   * writes an opening checkpoint.
   *
   * @param metrics where appends, latency, failures, backlog and health are reported
   * @throws BackendUnavailableException if the directory cannot be used, another writer holds the
   *     trail, the signing key is missing or invalid, or the newest record cannot be read
   */
  public static LocalFileAuditSink open(LocalAuditSettings settings, AuditMetrics metrics) {
    TrailLayout layout = new TrailLayout(settings.directory());
    FileChannel lockChannel = null;
    FileLock lock = null;
    try {
      Files.createDirectories(layout.root());
      lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = tryLock(lockChannel, layout);
      KeyPair keys = new SigningKeyStore(layout).resolve(settings);
      LocalTrailStorage storage = new LocalTrailStorage(layout, lockChannel, lock, settings.clock());
      AuditTrailWriter writer = AuditTrailWriter.open(storage, keys.getPrivate(),
          new AuditTrailWriter.Settings(settings.checkpointEvery(), settings.checkpointInterval(), MAX_BATCH,
              Duration.ZERO, settings.clock()),
          metrics, "audit-writer-" + layout.root().getFileName());
      return new LocalFileAuditSink(layout, writer);
    } catch (IOException | RuntimeException e) {
      releaseQuietly(lock);
      closeQuietly(lockChannel);
      if (e instanceof BackendUnavailableException b) {
        throw b;
      }
      throw new BackendUnavailableException("cannot open the audit trail at " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, TrailLayout layout) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new BackendUnavailableException("the audit trail at " + layout.root()
          + " is already open by another writer (lock on " + layout.lockFile().getFileName()
          + "); one chain has exactly one writer");
    }
    return lock;
  }

  @Override
  public AuditRecord append(AuditEvent event) {
    return writer.append(event);
  }

  /**
   * Queues the event in chain order and returns without waiting for it to be stored; a failure
   * to store it marks the trail unhealthy, like a failed {@link #append}.
   */
  @Override
  public void appendLater(AuditEvent event) {
    writer.appendLater(event);
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    try {
      return new TrailReader(layout).query(query);
    } catch (IOException | IllegalStateException e) {
      throw new BackendUnavailableException("cannot read the audit trail at " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean healthy() {
    return writer.healthy();
  }

  /** Writes the closing checkpoint after every accepted event, then releases the trail. Idempotent. */
  @Override
  public void close() {
    writer.close();
  }

  private static void releaseQuietly(FileLock lock) {
    if (lock != null && lock.isValid()) {
      try {
        lock.release();
      } catch (IOException e) {
        // The channel is closed next, which drops the lock anyway.
      }
    }
  }

  static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing useful left to do with a lock file that will not close.
      }
    }
  }
}
