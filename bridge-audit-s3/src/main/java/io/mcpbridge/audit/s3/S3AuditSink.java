package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.AuditCheckpoint;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.CanonicalJson;
import io.mcpbridge.core.audit.CheckpointSigner;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditSink;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The audit trail as locked objects in an S3 bucket with Object Lock (WORM). One chain spans every
 * object and day. Layout below the prefix (see {@link TrailKeys}): {@code YYYY/MM/DD/records/} holds
 * batches of canonical JSONL records named by their sequence range, {@code YYYY/MM/DD/checkpoints/}
 * one signed checkpoint per object, {@code keys/} the checkpoint public keys. Every object is written
 * with the configured lock mode and a retain-until of write time + lock days.
 *
 * <p>Durability: {@link #append} returns only after the object holding the record was stored.
 * Appends from many threads are group-committed: one writer thread takes every waiting event (up to
 * the batch size; while appends arrive concurrently it waits a few ms for more) and stores them with
 * one PUT. Failed PUTs are retried with backoff; a batch that still fails is refused to its callers,
 * the sink reports unhealthy, and the next batch first re-reads the head, so a write that did land
 * despite an error is chained over, never forked.
 *
 * <p>One writer per prefix. On open, the head is recovered from the newest day only (see
 * {@link HeadRecovery}); signed checkpoints are written on open, before the first batch of each UTC
 * day, every N events or T seconds, and on close.
 */
public final class S3AuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger(S3AuditSink.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final String JSONL = "application/x-ndjson";

  private final S3AuditSettings settings;
  private final S3Client client;
  private final ObjectStore store;
  private final CheckpointSigner signer;
  private final List<PublicKey> trustedKeys;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private final java.util.concurrent.atomic.AtomicLong batchesStored = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean healthy = true;
  private volatile boolean accepting = true;
  // Writer-thread state.
  private AuditChain chain;
  private LocalDate day;
  private boolean needsRecovery;
  private long sinceCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();
  private int lastBatchSize;

  private S3AuditSink(S3AuditSettings settings, S3Client client, ObjectStore store, KeyPair keys, List<PublicKey> trustedKeys) {
    this.settings = settings;
    this.client = client;
    this.store = store;
    this.signer = new CheckpointSigner(keys.getPrivate());
    this.trustedKeys = trustedKeys;
    this.writerThread = new Thread(this::writeLoop, "audit-s3-writer");
    this.writerThread.setDaemon(true);
  }

  /**
   * Opens the trail: publishes the checkpoint public key, recovers the head from the newest day and
   * writes an opening checkpoint.
   *
   * @throws BackendUnavailableException if the bucket cannot be reached or written, the signing key
   *     is missing or invalid, or the newest objects cannot be read
   */
  public static S3AuditSink open(S3AuditSettings settings) {
    return open(settings, S3Clients.create(settings), MAX_ATTEMPTS, FIRST_BACKOFF);
  }

  /** Opens the trail on a given client (which the sink then owns and closes). */
  static S3AuditSink open(S3AuditSettings settings, S3Client client, int maxAttempts, Duration firstBackoff) {
    try {
      KeyPair keys = SigningKeys.resolve(settings);
      ObjectStore store = new ObjectStore(client, settings.location(), settings.lockMode(), settings.lockDays(),
          settings.kmsKeyId(), settings.clock(), maxAttempts, firstBackoff);
      SigningKeys.publish(store, keys.getPublic());
      List<PublicKey> trusted = new ArrayList<>(SigningKeys.published(store));
      trusted.add(keys.getPublic());
      S3AuditSink sink = new S3AuditSink(settings, client, store, keys, List.copyOf(trusted));
      sink.start();
      return sink;
    } catch (RuntimeException e) {
      client.close();
      if (e instanceof BackendUnavailableException b) {
        throw b;
      }
      throw new BackendUnavailableException("cannot open the audit trail at " + settings.location() + ": " + describe(e), e);
    }
  }

  private void start() {
    recoverHead();
    writeCheckpoint(AuditCheckpoint.Kind.OPEN);
    writerThread.start();
  }

  private void recoverHead() {
    HeadRecovery.Head head;
    try {
      head = new HeadRecovery(store).recover(trustedKeys);
    } catch (IllegalArgumentException e) {
      throw new BackendUnavailableException("the newest audit objects of " + settings.location() + " are unreadable ("
          + e.getMessage() + "); run `bridge audit verify " + settings.location() + "`");
    }
    chain = head.chain();
    day = head.day().orElse(null);
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
      CanonicalJson.write(AuditRecordForm.content(event, 1, AuditChain.GENESIS_HASH));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("audit event has no canonical form: " + e.getMessage());
    }
    Pending pending = new Pending(event, new CompletableFuture<>());
    if (!accepting) {
      throw new BackendUnavailableException("the audit trail at " + settings.location() + " is closed");
    }
    queue.add(pending);
    if (!accepting && queue.remove(pending)) {
      throw new BackendUnavailableException("the audit trail at " + settings.location() + " is closed");
    }
    return pending;
  }

  @Override
  public List<AuditRecord> query(AuditQuery query) {
    try {
      return new TrailReader(store).query(query);
    } catch (SdkException | IllegalArgumentException e) {
      throw new BackendUnavailableException("cannot read the audit trail at " + settings.location() + ": " + describe(e), e);
    }
  }

  /** Record objects stored so far by this sink (each one PUT shared by its batch). */
  long batchesStored() {
    return batchesStored.get();
  }

  @Override
  public boolean healthy() {
    return healthy;
  }

  /** Stores every accepted event, writes the closing checkpoint and releases the client. Idempotent. */
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
        gather(batch);
        boolean closing = batch.remove(Pending.CLOSE);
        if (closing) {
          queue.drainTo(batch); // accepted before close(): keep them
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
      LOG.error("S3 audit writer stopped unexpectedly", e);
      healthy = false;
      accepting = false;
      failRemaining(new BackendUnavailableException("audit writer stopped: " + e.getClass().getSimpleName()));
      release();
    }
  }

  /**
   * Fills a batch with what is waiting. When the previous batch was shared by several appenders,
   * it also waits up to the batch wait for more: a burst then costs one PUT instead of many. A lone
   * appender never waits.
   */
  private void gather(List<Pending> batch) throws InterruptedException {
    int max = settings.maxBatchSize();
    queue.drainTo(batch, max - batch.size());
    if (lastBatchSize > 1 && batch.size() < max && !batch.contains(Pending.CLOSE)) {
      long deadline = System.nanoTime() + settings.maxBatchWait().toNanos();
      long left;
      while (batch.size() < max && (left = deadline - System.nanoTime()) > 0) {
        Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
        batch.add(next);
        if (next == Pending.CLOSE) {
          break;
        }
        queue.drainTo(batch, max - batch.size());
      }
    }
  }

  private long pollMillis() {
    long dueIn = settings.checkpointInterval().toMillis() - (System.nanoTime() - lastCheckpointNanos) / 1_000_000;
    return Math.max(10, Math.min(dueIn, 1000));
  }

  /** Links a batch, stores it as one locked object, then releases its callers. */
  private void commit(List<Pending> batch) {
    lastBatchSize = batch.size();
    try {
      if (needsRecovery) {
        long acknowledged = chain.sequence();
        recoverHead();
        if (chain.sequence() < acknowledged) {
          throw new IllegalStateException("the trail lost acknowledged records (head went back from sequence "
              + acknowledged + " to " + chain.sequence() + ")");
        }
        needsRecovery = false;
      }
      LocalDate today = writeDay();
      if (!today.equals(day)) {
        writeCheckpoint(AuditCheckpoint.Kind.PERIODIC); // a day's first object anchors it
      }
    } catch (RuntimeException e) {
      fail(batch, e);
      return;
    }
    AuditChain next = AuditChain.resumeAt(chain.sequence(), chain.headHash());
    StringBuilder lines = new StringBuilder(batch.size() * 600);
    List<AuditRecord> records = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      AuditRecord record = next.append(p.event());
      records.add(record);
      lines.append(AuditRecordForm.line(record)).append('\n');
    }
    try {
      store.putLocked(TrailKeys.records(day, records.get(0).sequence(), next.sequence()),
          lines.toString().getBytes(StandardCharsets.UTF_8), JSONL);
    } catch (RuntimeException e) {
      fail(batch, e);
      return;
    }
    chain = next;
    batchesStored.incrementAndGet();
    sinceCheckpoint += records.size();
    healthy = true;
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(records.get(i));
    }
    if (sinceCheckpoint >= settings.checkpointEvery()) {
      tryCheckpoint(AuditCheckpoint.Kind.PERIODIC);
    }
  }

  private void fail(List<Pending> batch, Exception e) {
    healthy = false;
    needsRecovery = true;
    LOG.error("S3 audit trail {}: cannot persist {} event(s): {}", settings.location(), batch.size(), describe(e));
    BackendUnavailableException failure = new BackendUnavailableException(
        "audit event not persisted: the trail at " + settings.location() + " cannot be written (" + describe(e) + ")", e);
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
    } catch (RuntimeException e) {
      healthy = false;
      needsRecovery = true;
      LOG.error("S3 audit trail {}: cannot write a {} checkpoint: {}", settings.location(), kind.wireName(), describe(e));
    }
  }

  /** Signs the head and stores it in the current write day (which it may advance). */
  private void writeCheckpoint(AuditCheckpoint.Kind kind) {
    LocalDate target = writeDay();
    AuditCheckpoint cp = new AuditCheckpoint(chain.sequence(), chain.headHash(), settings.clock().instant(), kind);
    store.putLocked(TrailKeys.checkpoint(target, cp), (signer.sign(cp).line() + "\n").getBytes(StandardCharsets.UTF_8),
        "application/json");
    day = target;
    sinceCheckpoint = 0;
    lastCheckpointNanos = System.nanoTime();
  }

  /** Today (UTC), but never before the day already written: a clock stepping back never reorders keys. */
  private LocalDate writeDay() {
    LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
    return day != null && day.isAfter(today) ? day : today;
  }

  private void finish() {
    tryCheckpoint(AuditCheckpoint.Kind.CLOSE);
    release();
  }

  private void release() {
    try {
      client.close();
    } finally {
      closed.complete(null);
    }
  }

  private void failRemaining(BackendUnavailableException failure) {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.stream().filter(p -> p != Pending.CLOSE).forEach(p -> p.done().completeExceptionally(failure));
  }

  /** A failure in one line, without request details (which could carry signed headers). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

  /** An event waiting for its batch to be stored. */
  private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {
    static final Pending CLOSE = new Pending(null, new CompletableFuture<>());
  }
}
