package io.mcpbridge.core.audit;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one group-commit writer of the audit trail, whatever stores it. Appends from many threads
 * are queued in arrival order; one writer thread takes every waiting event (up to the batch size;
 * after a shared batch it waits up to the batch wait for more), links them into the chain, stores
 * them with one {@link AuditStorage#storeRecords} call and then releases their callers. Signed
 * checkpoints are written on open, every N records or T seconds, when the storage asks for one, and
 * on close.
 *
 * <p>A failed write refuses its batch to every caller, makes {@link #healthy()} false and makes the
 * next batch re-read the head first, so a write that did land despite an error is chained over,
 * never forked; if the head went back (acknowledged records lost), the writer keeps refusing.
 * Measures appends, their latency from arrival to storage, failures and the backlog in one place.
 */
public final class AuditTrailWriter {
  private final System.Logger log = System.getLogger(AuditTrailWriter.class.getName());
  private final AuditStorage storage;
  private final CheckpointSigner signer;
  private final Settings settings;
  private final AuditMetrics metrics;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private volatile boolean healthy = true;
  private volatile boolean accepting = true;
  // Writer-thread state.
  private AuditChain chain;
  private boolean needsRecovery;
  private long sinceCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();
  private int lastBatchSize;

  private AuditTrailWriter(AuditStorage storage, PrivateKey signingKey, Settings settings, AuditMetrics metrics,
      String threadName) {
    this.storage = storage;
    this.signer = new CheckpointSigner(signingKey);
    this.settings = settings;
    this.metrics = metrics;
    this.thread = new Thread(this::writeLoop, threadName);
    this.thread.setDaemon(true);
  }

  /**
   * Recovers the head, writes the opening checkpoint, starts the writer thread and records the
   * events the recovery asked for.
   *
   * @param storage where the chain lives (owned from now on: released on close)
   * @param signingKey the Ed25519 key signing checkpoints
   * @param settings checkpoint cadence, batching and clock
   * @param metrics where appends, latency, failures, backlog and health are reported
   * @param threadName name of the writer thread
   * @return the running writer
   * @throws BackendUnavailableException if the head cannot be read or the opening checkpoint stored
   */
  public static AuditTrailWriter open(AuditStorage storage, PrivateKey signingKey, Settings settings,
      AuditMetrics metrics, String threadName) {
    AuditTrailWriter writer = new AuditTrailWriter(storage, signingKey, settings, metrics, threadName);
    List<AuditEvent> recovered;
    try {
      AuditStorage.Recovery recovery = storage.recover(false);
      writer.chain = recovery.chain();
      recovered = recovery.eventsToRecord();
      writer.writeCheckpoint(AuditCheckpoint.Kind.OPEN);
    } catch (IOException | RuntimeException e) {
      if (e instanceof BackendUnavailableException b) {
        throw b;
      }
      throw new BackendUnavailableException("cannot open the audit trail at " + storage.location() + ": "
          + storage.describe(e), e);
    }
    metrics.observe(writer::healthy, writer::backlog);
    writer.thread.start();
    recovered.forEach(writer::append);
    return writer;
  }

  /**
   * Appends an event and waits until it is stored.
   *
   * @return the stored record
   * @throws InvalidInputException if the event has no canonical form
   * @throws BackendUnavailableException if it was not stored or the writer is closed
   */
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
   * Queues an event in chain order without waiting; a failure to store it makes the writer
   * unhealthy, like a failed {@link #append}.
   *
   * @throws InvalidInputException if the event has no canonical form
   * @throws BackendUnavailableException if the writer is closed
   */
  public void appendLater(AuditEvent event) {
    enqueue(event);
  }

  /** True while writes succeed; false after a failure until a write succeeds again. */
  public boolean healthy() {
    return healthy;
  }

  /** Events accepted and not yet stored. */
  public long backlog() {
    return queue.size();
  }

  /** Stores every accepted event, writes the closing checkpoint and releases the storage. Idempotent. */
  public void close() {
    if (accepting) {
      accepting = false;
      queue.add(Pending.CLOSE);
    }
    closed.join();
  }

  private Pending enqueue(AuditEvent event) {
    try {
      CanonicalJson.write(AuditRecordForm.content(event, 1, AuditChain.GENESIS_HASH));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("audit event has no canonical form: " + e.getMessage());
    }
    Pending pending = new Pending(event, new CompletableFuture<>(), System.nanoTime());
    if (!accepting) {
      throw new BackendUnavailableException("the audit trail at " + storage.location() + " is closed");
    }
    queue.add(pending);
    if (!accepting && queue.remove(pending)) {
      throw new BackendUnavailableException("the audit trail at " + storage.location() + " is closed");
    }
    return pending;
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
        gather(batch);
        boolean closing = batch.remove(Pending.CLOSE);
        if (closing) {
          queue.drainTo(batch); // accepted before close(): keep them
        }
        if (!batch.isEmpty()) {
          commit(batch);
        }
        if (closing) {
          tryCheckpoint(AuditCheckpoint.Kind.CLOSE);
          release();
          return;
        }
        checkpointIfDue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failRemaining(new BackendUnavailableException("audit writer interrupted"));
      release();
    } catch (RuntimeException | Error e) {
      log.log(System.Logger.Level.ERROR, "audit writer of " + storage.location() + " stopped unexpectedly", e);
      healthy = false;
      accepting = false;
      failRemaining(new BackendUnavailableException("audit writer stopped: " + e.getClass().getSimpleName()));
      release();
    }
  }

  /**
   * Fills a batch with what is waiting. After a batch shared by several appenders it also waits up
   * to the batch wait for more, so a burst costs one write; a lone appender never waits.
   */
  private void gather(List<Pending> batch) throws InterruptedException {
    int max = settings.maxBatchSize();
    queue.drainTo(batch, max - batch.size());
    if (settings.maxBatchWait().isZero() || lastBatchSize <= 1 || batch.size() >= max || batch.contains(Pending.CLOSE)) {
      return;
    }
    long deadline = System.nanoTime() + settings.maxBatchWait().toNanos();
    long left;
    while (batch.size() < max && (left = deadline - System.nanoTime()) > 0) {
      Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
      if (next == Pending.CLOSE) {
        return;
      }
      queue.drainTo(batch, max - batch.size());
    }
  }

  private long pollMillis() {
    long dueIn = settings.checkpointInterval().toMillis() - (System.nanoTime() - lastCheckpointNanos) / 1_000_000;
    return Math.max(10, Math.min(dueIn, 1000));
  }

  /** Links a batch, stores it, then releases its callers. */
  private void commit(List<Pending> batch) {
    lastBatchSize = batch.size();
    List<AuditEvent> events = new ArrayList<>(batch.size() + 1);
    try {
      if (needsRecovery) {
        long acknowledged = chain.sequence();
        AuditStorage.Recovery recovery = storage.recover(true);
        if (recovery.chain().sequence() < acknowledged) {
          // Records we acknowledged are gone: continuing would fork the chain over the loss.
          throw new IOException("the trail lost acknowledged records (head went back from sequence " + acknowledged
              + " to " + recovery.chain().sequence() + "); restore them, then restart");
        }
        chain = recovery.chain();
        events.addAll(recovery.eventsToRecord());
        needsRecovery = false;
      }
      if (storage.needsCheckpointBeforeBatch()) {
        writeCheckpoint(AuditCheckpoint.Kind.PERIODIC);
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
      storage.storeRecords(records, lines.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      fail(batch, e);
      return;
    }
    chain = next;
    sinceCheckpoint += records.size();
    healthy = true;
    metrics.appended(records.size(), Duration.ofNanos(System.nanoTime() - batch.get(0).enqueuedNanos()));
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
    metrics.appendFailed(batch.size());
    String why = storage.describe(e);
    log.log(System.Logger.Level.ERROR, "audit trail " + storage.location() + ": cannot persist " + batch.size()
        + " event(s): " + why);
    BackendUnavailableException failure = new BackendUnavailableException(
        "audit event not persisted: the trail at " + storage.location() + " cannot be written (" + why + ")", e);
    batch.forEach(p -> p.done().completeExceptionally(failure));
  }

  private void checkpointIfDue() {
    long elapsedMillis = (System.nanoTime() - lastCheckpointNanos) / 1_000_000;
    if (sinceCheckpoint > 0 && elapsedMillis >= settings.checkpointInterval().toMillis()) {
      tryCheckpoint(AuditCheckpoint.Kind.PERIODIC);
    }
  }

  private void tryCheckpoint(AuditCheckpoint.Kind kind) {
    if (needsRecovery) {
      return;
    }
    try {
      writeCheckpoint(kind);
    } catch (IOException | RuntimeException e) {
      healthy = false;
      needsRecovery = true;
      log.log(System.Logger.Level.ERROR, "audit trail " + storage.location() + ": cannot write a " + kind.wireName()
          + " checkpoint: " + storage.describe(e));
    }
  }

  private void writeCheckpoint(AuditCheckpoint.Kind kind) throws IOException {
    storage.storeCheckpoint(signer.sign(
        new AuditCheckpoint(chain.sequence(), chain.headHash(), settings.clock().instant(), kind)));
    sinceCheckpoint = 0;
    lastCheckpointNanos = System.nanoTime();
  }

  private void release() {
    try {
      storage.release();
    } catch (RuntimeException e) {
      log.log(System.Logger.Level.WARNING, "audit trail " + storage.location() + ": release failed: "
          + storage.describe(e));
    } finally {
      closed.complete(null);
    }
  }

  private void failRemaining(BackendUnavailableException failure) {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.stream().filter(p -> p != Pending.CLOSE).forEach(p -> p.done().completeExceptionally(failure));
  }

  /**
   * How the writer batches and checkpoints.
   *
   * @param checkpointEvery a checkpoint after this many records
   * @param checkpointInterval a checkpoint when records waited this long without one
   * @param maxBatchSize most events stored by one write
   * @param maxBatchWait how long a batch waits for more after a shared batch (zero = never)
   * @param clock time of checkpoints
   */
  public record Settings(int checkpointEvery, Duration checkpointInterval, int maxBatchSize, Duration maxBatchWait,
      Clock clock) {
    public Settings {
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      Objects.requireNonNull(maxBatchWait, "maxBatchWait");
      Objects.requireNonNull(clock, "clock");
      if (checkpointEvery < 1 || maxBatchSize < 1) {
        throw new IllegalArgumentException("checkpointEvery and maxBatchSize must be positive");
      }
    }
  }

  /** An event waiting for its batch to be stored. */
  private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done, long enqueuedNanos) {
    static final Pending CLOSE = new Pending(null, new CompletableFuture<>(), 0);
  }
}
