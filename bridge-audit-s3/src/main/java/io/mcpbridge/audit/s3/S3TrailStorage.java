package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditStorage;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The trail's objects: each batch of records one locked object named by its sequence range under
 * its UTC day, each checkpoint one locked object; a day's first object is a checkpoint that anchors
 * it. The head is recovered from the newest day only.
 */
final class S3TrailStorage implements AuditStorage {
  private static final String JSONL = "application/x-ndjson";

  private final S3AuditSettings settings;
  private final S3Client client;
  private final ObjectStore store;
  private final List<PublicKey> trustedKeys;
  private final AtomicLong batchesStored = new AtomicLong();
  private LocalDate day;

  S3TrailStorage(S3AuditSettings settings, S3Client client, ObjectStore store, List<PublicKey> trustedKeys) {
    this.settings = settings;
    this.client = client;
    this.store = store;
    this.trustedKeys = trustedKeys;
  }

  @Override
  public Recovery recover(boolean afterFailure) {
    HeadRecovery.Head head;
    try {
      head = new HeadRecovery(store).recover(trustedKeys);
    } catch (IllegalArgumentException e) {
      throw new BackendUnavailableException("the newest audit objects of " + settings.location() + " are unreadable ("
          + e.getMessage() + "); run `bridge audit verify " + settings.location() + "`");
    }
    day = head.day().orElse(null);
    return new Recovery(head.chain(), List.of());
  }

  @Override
  public boolean needsCheckpointBeforeBatch() {
    return !writeDay().equals(day);
  }

  @Override
  public void storeRecords(List<AuditRecord> records, byte[] lines) {
    store.putLocked(TrailKeys.records(day, records.get(0).sequence(), records.get(records.size() - 1).sequence()),
        lines, JSONL);
    batchesStored.incrementAndGet();
  }

  /** Signs the head into the current write day (which it may advance). */
  @Override
  public void storeCheckpoint(SignedCheckpoint checkpoint) {
    LocalDate target = writeDay();
    store.putLocked(TrailKeys.checkpoint(target, checkpoint.checkpoint()),
        (checkpoint.line() + "\n").getBytes(StandardCharsets.UTF_8), "application/json");
    day = target;
  }

  @Override
  public String location() {
    return settings.location().toString();
  }

  @Override
  public String describe(Throwable failure) {
    return S3AuditSink.describe(failure);
  }

  @Override
  public void release() {
    client.close();
  }

  /** Record objects stored so far (each one PUT shared by its batch). */
  long batchesStored() {
    return batchesStored.get();
  }

  /** Today (UTC), but never before the day already written: a clock stepping back never reorders keys. */
  private LocalDate writeDay() {
    LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
    return day != null && day.isAfter(today) ? day : today;
  }
}
