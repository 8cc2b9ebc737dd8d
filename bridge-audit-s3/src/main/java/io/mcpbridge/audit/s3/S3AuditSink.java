package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditTrailWriter;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditQuery;
import io.mcpbridge.core.model.AuditRecord;
import io.mcpbridge.core.port.AuditMetrics;
import io.mcpbridge.core.port.AuditSink;
import io.mcpbridge.core.port.NoMetrics;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Appends are group-committed by core's {@link AuditTrailWriter} (up to the batch size; while
 * appends arrive concurrently it waits a few ms for more), one PUT per batch. Failed PUTs are
 * retried with backoff here; a batch that still fails is refused to its callers, the sink reports
 * unhealthy, and the next batch first re-reads the head, so a write that did land despite an error
 * is chained over, never forked.
 *
 * <p>One writer per prefix. On open, the head is recovered from the newest day only (see
 * {@link HeadRecovery}); signed checkpoints are written on open, before the first batch of each UTC
 * day, every N events or T seconds, and on close.
 */
public final class S3AuditSink implements AuditSink {
  private static final int MAX_ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final S3AuditSettings settings;
  private final ObjectStore store;
  private final S3TrailStorage storage;
  private final AuditTrailWriter writer;

  private S3AuditSink(S3AuditSettings settings, ObjectStore store, S3TrailStorage storage, AuditTrailWriter writer) {
    this.settings = settings;
    this.store = store;
    this.storage = storage;
    this.writer = writer;
  }

  /**
   * Opens the trail without reporting metrics; see {@link #open(S3AuditSettings, AuditMetrics)}.
   *
   * @throws BackendUnavailableException if the bucket cannot be reached or written, the signing key
   *     is missing or invalid, or the newest objects cannot be read
   */
  public static S3AuditSink open(S3AuditSettings settings) {
    return open(settings, NoMetrics.INSTANCE);
  }

  /**
   * Opens the trail: publishes the checkpoint public key, recovers the head from the newest day and
   * writes an opening checkpoint.
   *
   * @param metrics where appends, latency, failures, backlog and health are reported
   * @throws BackendUnavailableException if the bucket cannot be reached or written, the signing key
   *     is missing or invalid, or the newest objects cannot be read
   */
  public static S3AuditSink open(S3AuditSettings settings, AuditMetrics metrics) {
    return open(settings, S3Clients.create(settings), MAX_ATTEMPTS, FIRST_BACKOFF, metrics);
  }

  /** Opens the trail on a given client (which the sink then owns and closes). */
  static S3AuditSink open(S3AuditSettings settings, S3Client client, int maxAttempts, Duration firstBackoff) {
    return open(settings, client, maxAttempts, firstBackoff, NoMetrics.INSTANCE);
  }

  private static S3AuditSink open(S3AuditSettings settings, S3Client client, int maxAttempts, Duration firstBackoff,
      AuditMetrics metrics) {
    try {
      KeyPair keys = SigningKeys.resolve(settings);
      ObjectStore store = new ObjectStore(client, settings.location(), settings.lockMode(), settings.lockDays(),
          settings.kmsKeyId(), settings.clock(), maxAttempts, firstBackoff);
      SigningKeys.publish(store, keys.getPublic());
      List<PublicKey> trusted = new ArrayList<>(SigningKeys.published(store));
      trusted.add(keys.getPublic());
      S3TrailStorage storage = new S3TrailStorage(settings, client, store, List.copyOf(trusted));
      AuditTrailWriter writer = AuditTrailWriter.open(storage, keys.getPrivate(),
          new AuditTrailWriter.Settings(settings.checkpointEvery(), settings.checkpointInterval(),
              settings.maxBatchSize(), settings.maxBatchWait(), settings.clock()),
          metrics, "audit-s3-writer");
      return new S3AuditSink(settings, store, storage, writer);
    } catch (RuntimeException e) {
      client.close();
      if (e instanceof BackendUnavailableException b) {
        throw b;
      }
      throw new BackendUnavailableException("cannot open the audit trail at " + settings.location() + ": " + describe(e), e);
    }
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
      return new TrailReader(store).query(query);
    } catch (SdkException | IllegalArgumentException e) {
      throw new BackendUnavailableException("cannot read the audit trail at " + settings.location() + ": " + describe(e), e);
    }
  }

  /** Record objects stored so far by this sink (each one PUT shared by its batch). */
  long batchesStored() {
    return storage.batchesStored();
  }

  @Override
  public boolean healthy() {
    return writer.healthy();
  }

  /** Stores every accepted event, writes the closing checkpoint and releases the client. Idempotent. */
  @Override
  public void close() {
    writer.close();
  }

  /** A failure in one line, without request details (which could carry signed headers). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
