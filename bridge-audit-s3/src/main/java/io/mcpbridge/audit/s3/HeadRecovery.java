package io.mcpbridge.audit.s3;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditChain;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.model.AuditRecord;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Finds the head of the chain without listing the trail: the newest day (three delimiter LISTs),
 * that day's checkpoint keys (the writer puts a signed checkpoint into a day before its first
 * batch, so the newest checkpoint of the newest day is the head pointer), then only the batches
 * written after that checkpoint (one LIST starting after it, at most one page because a checkpoint
 * follows every N events) and a GET of the last of them.
 */
final class HeadRecovery {
  private final ObjectStore store;

  HeadRecovery(ObjectStore store) {
    this.store = store;
  }

  /** The recovered head and the day it was found in (empty for a new trail). */
  record Head(AuditChain chain, Optional<LocalDate> day) {}

  Head recover(List<PublicKey> trustedKeys) {
    Optional<LocalDate> newest = new TrailIndex(store).newestDay();
    if (newest.isEmpty()) {
      return new Head(AuditChain.empty(), Optional.empty());
    }
    LocalDate day = newest.get();
    List<String> checkpoints = store.keys(TrailKeys.day(day) + TrailKeys.CHECKPOINTS, Optional.empty(), -1);
    if (checkpoints.isEmpty()) {
      throw new BackendUnavailableException("the newest day " + store.location().key(TrailKeys.day(day))
          + " of the audit trail has no checkpoint, which the writer always puts first; run `bridge audit verify "
          + store.location() + "`");
    }
    String newestCheckpoint = checkpoints.get(checkpoints.size() - 1);
    SignedCheckpoint cp = AuditLines.checkpoint(single(read(newestCheckpoint)));
    if (trustedKeys.stream().noneMatch(cp::verifies)) {
      throw new BackendUnavailableException("the newest audit checkpoint " + store.location().key(newestCheckpoint)
          + " is not signed by a published key; refusing to continue the chain from it");
    }
    List<String> after = store.keys(TrailKeys.day(day) + TrailKeys.RECORDS,
        Optional.of(TrailKeys.afterBatchesStartingBy(day, cp.checkpoint().sequence())), -1);
    if (after.isEmpty()) {
      return new Head(AuditChain.resumeAt(cp.checkpoint().sequence(), cp.checkpoint().headHash()), newest);
    }
    List<String> lines = RecordLines.split(read(after.get(after.size() - 1)));
    if (lines.isEmpty()) {
      throw new BackendUnavailableException("the newest audit batch " + store.location().key(after.get(after.size() - 1)) + " is empty");
    }
    AuditRecord last = AuditLines.record(lines.get(lines.size() - 1));
    return new Head(AuditChain.resumeAt(last.sequence(), last.hash()), newest);
  }

  private byte[] read(String relativeKey) {
    return store.get(relativeKey).orElseThrow(() -> new BackendUnavailableException(
        "audit object " + store.location().key(relativeKey) + " vanished while recovering the head")).body();
  }

  private static String single(byte[] body) {
    List<String> lines = RecordLines.split(body);
    if (lines.size() != 1) {
      throw new IllegalArgumentException("a checkpoint object holds exactly one line");
    }
    return lines.get(0);
  }
}
