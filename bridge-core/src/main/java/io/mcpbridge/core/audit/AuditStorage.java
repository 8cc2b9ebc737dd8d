package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditRecord;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Where an {@link AuditTrailWriter} keeps the chain: the storage half of an audit sink (files,
 * object store). Called from the writer's one thread only, so implementations need no locking. Any
 * exception from a write means "not stored"; the writer then refuses the batch, reports unhealthy
 * and calls {@link #recover} with {@code afterFailure} before the next write.
 */
public interface AuditStorage {

  /**
   * Reads the head of the chain from storage.
   *
   * @param afterFailure true when a write failed since the last recovery (state kept by the
   *     storage, such as open files, must be dropped first)
   * @return the head and any events the recovery itself must record (e.g. a torn line set aside)
   * @throws IOException or a runtime exception if the head cannot be read
   */
  Recovery recover(boolean afterFailure) throws IOException;

  /**
   * Whether a checkpoint must be stored before the next batch (e.g. to anchor a new day's objects).
   */
  boolean needsCheckpointBeforeBatch();

  /**
   * Stores a batch of linked records durably, in one write where possible.
   *
   * @param records the records, in chain order
   * @param lines their canonical lines, each ending in a newline, UTF-8
   * @throws IOException or a runtime exception if the batch is not stored
   */
  void storeRecords(List<AuditRecord> records, byte[] lines) throws IOException;

  /**
   * Stores a signed checkpoint durably.
   *
   * @param checkpoint the checkpoint and its signature
   * @throws IOException or a runtime exception if it is not stored
   */
  void storeCheckpoint(SignedCheckpoint checkpoint) throws IOException;

  /** Where the trail lives, for messages (a directory, {@code s3://bucket/prefix}). */
  String location();

  /**
   * A failure in one line for messages and logs, without anything secret (request signatures).
   *
   * @param failure what a storage call threw
   */
  default String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }

  /** Releases files, locks or clients. Called once, by the writer thread, after the closing checkpoint. */
  void release();

  /**
   * The head found by a recovery.
   *
   * @param chain the chain positioned at the newest stored record
   * @param eventsToRecord events the writer records before anything else
   */
  record Recovery(AuditChain chain, List<AuditEvent> eventsToRecord) {
    public Recovery {
      Objects.requireNonNull(chain, "chain");
      eventsToRecord = List.copyOf(eventsToRecord);
    }
  }
}
