package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditCheckpoint;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.CheckpointSigner;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditIdentity;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as hash-chained JSONL files under one directory (layout: {@code YYYY/MM/DD.jsonl}
 * per UTC day, checkpoints in {@code YYYY/MM/DD.checkpoints.jsonl}). One chain spans every file.
 *
 * <p>Durability: {@link #append} returns only after the record is written and forced to disk.
 * Appends from many threads are group-committed: one writer thread takes every waiting event,
 * writes them with one write and one force, and then releases all their callers.
 *
 * <p>One writer per trail: an exclusive lock on {@code audit.lock} is held while open. On open, the
 * head is recovered from the newest file; a torn last line is moved to a {@code .torn} file, logged
 * and recorded as a {@code system.audit.torn_line} event. Signed checkpoints are written on open,
 * every N events or T seconds, and on close.
 */
public final class LocalFileAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFileAuditSink.class);
  private static final int MAX_BATCH = 8192;

  private final LocalAuditSettings settings;
  private final TrailLayout layout;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final CheckpointSigner signer;
  private final TrailWriter writer;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private volatile boolean healthy = true;
  private volatile boolean accepting = true;
  // Writer-thread state.
  private AuditChain chain;
  private boolean needsRecovery;
  private long sinceCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  private LocalFileAuditSink(LocalAuditSettings settings, TrailLayout layout, FileChannel lockChannel, FileLock lock,
      KeyPair keys) {
    this.settings = settings;
    this.layout = layout;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.signer = new CheckpointSigner(keys.getPrivate());
    this.writer = new TrailWriter(layout);
    this.writerThread = new Thread(this::writeLoop, "audit-writer-" + layout.root().getFileName());
    this.writerThread.setDaemon(true);
  }

  /**
   * Opens the trail: takes the writer lock, recovers the head, sets aside a torn last line and
   * writes an opening checkpoint.
   *
   * @throws BackendUnavailableException if the directory cannot be used, another writer holds the
   *     trail, the signing key is missing or invalid, or the newest record cannot be read
   */
  public static LocalFileAuditSink open(LocalAuditSettings settings) {
    TrailLayout layout = new TrailLayout(settings.directory());
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(layout.root());
      lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel, layout);
      KeyPair keys = new SigningKeyStore(layout).resolve(settings);
      LocalFileAuditSink sink = new LocalFileAuditSink(settings, layout, lockChannel, lock, keys);
      sink.start();
      return sink;
    } catch (IOException | RuntimeException e) {
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

  private void start() throws IOException {
    List<AuditEvent> tornEvents = recoverHead();
    writeCheckpoint(AuditCheckpoint.Kind.OPEN);
    writerThread.start();
    tornEvents.forEach(this::append);
  }

  /** Recovers the head from disk; returns the events that record torn tails set aside, if any. */
  private List<AuditEvent> recoverHead() throws IOException {
    TailRecovery recovery = new TailRecovery(layout);
    TailRecovery.Result result;
    try {
      result = recovery.recover();
    } catch (IllegalArgumentException e) {
      throw new BackendUnavailableException("the newest audit record is unreadable (" + e.getMessage()
          + "); run `bridge audit verify` on " + layout.root());
    }
    chain = result.chain();
    List<AuditEvent> events = new ArrayList<>();
    for (Optional<TailRecovery.TornTail> torn : List.of(result.torn(), recovery.tornCheckpointTail())) {
      if (torn.isPresent()) {
        events.add(setAside(torn.get()));
      }
    }
    return events;
  }

  private AuditEvent setAside(TailRecovery.TornTail torn) throws IOException {
    writer.setAside(torn);
    String file = layout.display(torn.file());
    String keptIn = layout.display(layout.tornFile(torn.file()));
    LOG.warn("Audit trail {}: torn last line ({} bytes at offset {}) after an interrupted write; moved to {} and recorded",
        file, torn.bytes().length, torn.offset(), keptIn);
    return new AuditEvent(UUID.randomUUID().toString(), settings.clock().instant(), "system.audit.torn_line",
        UUID.randomUUID().toString(), AuditIdentity.system(),
        Map.of("file", file, "offset", Long.toString(torn.offset()), "length", Integer.toString(torn.bytes().length),
            "sha256", AuditChain.sha256Hex(torn.bytes()), "keptIn", keptIn, "afterSequence", Long.toString(chain.sequence())),
        Optional.empty(), Optional.empty(), "recovered", 0, Optional.empty());
  }

  @Override
  public AuditRecord append(AuditEvent event) {
    Pending pending = enqueue(event);
    try {
      return pending.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof BackendUnavailableException b) {
        throw new BackendUnavailableException(b.getMessage(), b);
      }
      throw new BackendUnavailableException("audit append failed", e.getCause());
    }
  }

  /**
   * Queues the event in chain order and returns without waiting for it to be stored; a failure
   * to store it marks the trail unhealthy, like a failed {@link #append}.
   */
  @Override
  public void appendLater(AuditEvent event) {
    enqueue(event);
  }

  private Pending enqueue(AuditEvent event) {
    try {
      CanonicalCheck.of(event);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("audit event has no canonical form: " + e.getMessage());
    }
    Pending pending = new Pending(event, new CompletableFuture<>());
    if (!accepting) {
      throw new BackendUnavailableException("the audit trail at " + layout.root() + " is closed");
    }
    queue.add(pending);
    if (!accepting && queue.remove(pending)) {
      throw new BackendUnavailableException("the audit trail at " + layout.root() + " is closed");
    }
    return pending;
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
    return healthy;
  }

  /** Writes the closing checkpoint after every accepted event, then releases the trail. Idempotent. */
  @Override
  public void close() {
    if (accepting) {
      accepting = false;
      queue.add(Pending.CLOSE);
    }
    closed.join();
  }

  private void writeLoop() {
    try {
      List<Pending> batch = new ArrayList<>();
      while (true) {
        Pending first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          checkpointIfDue();
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        boolean closing = batch.remove(Pending.CLOSE);
        // Anything queued behind the close marker was accepted before close(): keep it.
        if (closing) {
          queue.drainTo(batch);
        }
        if (!batch.isEmpty()) {
          commit(batch);
        }
        if (closing) {
          finish();
          return;
        }
        checkpointIfDue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failRemaining(new BackendUnavailableException("audit writer interrupted"));
      release();
    } catch (RuntimeException | Error e) {
      LOG.error("Audit writer stopped unexpectedly", e);
      healthy = false;
      accepting = false;
      failRemaining(new BackendUnavailableException("audit writer stopped: " + e.getClass().getSimpleName()));
      release();
    }
  }

  private long pollMillis() {
    long dueIn = settings.checkpointInterval().toMillis() - (System.nanoTime() - lastCheckpointNanos) / 1_000_000;
    return Math.max(10, Math.min(dueIn, 1000));
  }

  /** Links, writes and forces a batch, then releases its callers. */
  private void commit(List<Pending> batch) {
    List<AuditEvent> events = new ArrayList<>(batch.size() + 1);
    try {
      if (needsRecovery) {
        writer.reset();
        long expected = chain.sequence();
        events.addAll(recoverHead());
        if (chain.sequence() < expected) {
          // Records we acknowledged are gone: continuing would fork the chain over the loss.
          throw new IOException("the trail lost acknowledged records (head went back from sequence " + expected
              + " to " + chain.sequence() + "); restore the files, then restart");
        }
        needsRecovery = false;
      }
    } catch (IOException | RuntimeException e) {
      fail(batch, e);
      return;
    }
    int systemEvents = events.size();
    batch.forEach(p -> events.add(p.event()));
    AuditChain next = AuditChain.resumeAt(chain.sequence(), chain.headHash());
    StringBuilder lines = new StringBuilder(events.size() * 600);
    List<AuditRecord> records = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      AuditRecord record = next.append(event);
      records.add(record);
      lines.append(AuditRecordForm.line(record)).append('\n');
    }
    try {
      writer.appendRecords(today(), lines.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      fail(batch, e);
      return;
    }
    chain = next;
    sinceCheckpoint += records.size();
    healthy = true;
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(records.get(systemEvents + i));
    }
    if (sinceCheckpoint >= settings.checkpointEvery()) {
      tryCheckpoint(AuditCheckpoint.Kind.PERIODIC);
    }
  }

  private void fail(List<Pending> batch, Exception e) {
    healthy = false;
    needsRecovery = true;
    LOG.error("Audit trail {}: cannot persist {} event(s): {}", layout.root(), batch.size(), e.toString());
    BackendUnavailableException failure = new BackendUnavailableException(
        "audit event not persisted: the trail at " + layout.root() + " cannot be written (" + e.getMessage() + ")", e);
    batch.forEach(p -> p.done().completeExceptionally(failure));
  }

  private void checkpointIfDue() {
    long elapsedMillis = (System.nanoTime() - lastCheckpointNanos) / 1_000_000;
    if (sinceCheckpoint > 0 && elapsedMillis >= settings.checkpointInterval().toMillis()) {
      tryCheckpoint(AuditCheckpoint.Kind.PERIODIC);
    }
  }

  private void tryCheckpoint(AuditCheckpoint.Kind kind) {
    try {
      if (needsRecovery) {
        return;
      }
      writeCheckpoint(kind);
    } catch (IOException | RuntimeException e) {
      healthy = false;
      needsRecovery = true;
      LOG.error("Audit trail {}: cannot write a {} checkpoint: {}", layout.root(), kind.wireName(), e.toString());
    }
  }

  private void writeCheckpoint(AuditCheckpoint.Kind kind) throws IOException {
    writer.appendCheckpoint(today(), signer.sign(
        new AuditCheckpoint(chain.sequence(), chain.headHash(), settings.clock().instant(), kind)));
    sinceCheckpoint = 0;
    lastCheckpointNanos = System.nanoTime();
  }

  private void finish() {
    tryCheckpoint(AuditCheckpoint.Kind.CLOSE);
    release();
  }

  private void release() {
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
    closeQuietly(lockChannel);
    closed.complete(null);
  }

  private void failRemaining(BackendUnavailableException failure) {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.stream().filter(p -> p != Pending.CLOSE).forEach(p -> p.done().completeExceptionally(failure));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing useful left to do with a lock file that will not close.
      }
    }
  }

  /** An event waiting for its batch to become durable. */
  private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {
    static final Pending CLOSE = new Pending(null, new CompletableFuture<>());
  }

  /** Rejects events without a canonical form before they reach the writer thread. */
  private static final class CanonicalCheck {
    private CanonicalCheck() {}

    static void of(AuditEvent event) {
      io.mcpbridge.core.audit.CanonicalJson.write(AuditRecordForm.content(event, 1, AuditChain.GENESIS_HASH));
    }
  }
}
