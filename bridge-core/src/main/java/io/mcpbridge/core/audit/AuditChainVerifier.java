package io.mcpbridge.core.audit;

import io.mcpbridge.core.audit.ChainFailure.Reason;
import io.mcpbridge.core.model.AuditRecord;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks a trail fed to it in chain order and remembers the first failure. Records are given in
 * stored order; a checkpoint is given right after the record it attests (or, for checkpoints
 * beyond the last record, at the end). Pure: reading files is the caller's business.
 *
 * <p>What each check catches: a recomputed hash that differs means the record was edited; a
 * previous hash that differs means a record was deleted, reordered or inserted; a checkpoint whose
 * signature fails was forged; a signed head that differs from the record at that sequence means
 * records were rewritten with recomputed hashes; a checkpoint beyond the last record means the
 * tail was removed. Not thread-safe.
 */
public final class AuditChainVerifier {
  private final List<PublicKey> trustedKeys;
  private final boolean trustFirstLink;
  private final List<String> notes = new ArrayList<>();

  private Optional<ChainFailure> failure = Optional.empty();
  private boolean started;
  private long firstSequence;
  private long lastSequence;
  private String lastHash = AuditChain.GENESIS_HASH;
  private TrailPosition lastRecordAt;
  private long recordsChecked;
  private int checkpointsChecked;
  private SignedCheckpoint lastCheckpoint;
  private TrailPosition lastCheckpointAt;
  private long lastMatchedCheckpointSequence;

  private AuditChainVerifier(Collection<PublicKey> trustedKeys, boolean trustFirstLink) {
    this.trustedKeys = List.copyOf(trustedKeys);
    if (this.trustedKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted public key is needed");
    }
    this.trustFirstLink = trustFirstLink;
  }

  /**
   * Verifies a whole trail: the first record must be sequence 1 linked to the genesis hash.
   *
   * @param trustedKeys public keys whose checkpoint signatures are accepted (several after a key
   *     rotation); obtained out of band, never from the trail being judged alone
   */
  public static AuditChainVerifier fromGenesis(Collection<PublicKey> trustedKeys) {
    return new AuditChainVerifier(trustedKeys, false);
  }

  /**
   * Verifies a trail from some later record on (a date range): the first record's own hash is
   * checked, but its link to earlier records is taken as given.
   */
  public static AuditChainVerifier fromAnyRecord(Collection<PublicKey> trustedKeys) {
    return new AuditChainVerifier(trustedKeys, true);
  }

  /** True once a failure was found; later input is then ignored. */
  public boolean failed() {
    return failure.isPresent();
  }

  /** Sequence of the last record accepted, 0 before the first. */
  public long lastSequence() {
    return lastSequence;
  }

  /**
   * Checks the next record.
   *
   * @return false if the trail has failed (now or before)
   */
  public boolean record(AuditRecord record, TrailPosition at) {
    if (failed()) {
      return false;
    }
    String recomputed = AuditChain.hashOf(record.event(), record.sequence(), record.previousHash());
    if (!recomputed.equals(record.hash())) {
      return fail(Reason.EDITED, at, record.sequence(),
          "stored hash does not match the record's content: the event was edited");
    }
    if (!started && trustFirstLink) {
      notes.add("links before sequence " + record.sequence() + " were not checked (range starts at " + at + ")");
    } else {
      if (lastCheckpoint != null && lastCheckpoint.checkpoint().kind() == AuditCheckpoint.Kind.CLOSE
          && lastCheckpoint.checkpoint().sequence() == lastSequence) {
        return fail(Reason.APPENDED_AFTER_CLOSE, at, record.sequence(),
            "record follows the clean close at " + lastCheckpointAt
                + " without a reopening checkpoint: it was not written by the sink");
      }
      if (!record.previousHash().equals(lastHash)) {
        return fail(Reason.CHAIN_BROKEN, at, record.sequence(),
            "previousHash does not match the hash of the preceding record"
                + (lastRecordAt == null ? " (genesis)" : " (sequence " + lastSequence + " at " + lastRecordAt + ")")
                + ": a record was deleted, reordered or inserted");
      }
      if (record.sequence() != lastSequence + 1) {
        return fail(Reason.SEQUENCE_GAP, at, record.sequence(),
            "expected sequence " + (lastSequence + 1) + " but found " + record.sequence());
      }
    }
    if (!started) {
      started = true;
      firstSequence = record.sequence();
    }
    lastSequence = record.sequence();
    lastHash = record.hash();
    lastRecordAt = at;
    recordsChecked++;
    return true;
  }

  /**
   * Checks a signed checkpoint against the records seen so far.
   *
   * @return false if the trail has failed (now or before)
   */
  public boolean checkpoint(SignedCheckpoint signed, TrailPosition at) {
    if (failed()) {
      return false;
    }
    AuditCheckpoint cp = signed.checkpoint();
    if (!started && trustFirstLink) {
      return true; // attests a record before the range
    }
    if (trustedKeys.stream().noneMatch(signed::verifies)) {
      return fail(Reason.SIGNATURE_INVALID, at, cp.sequence(),
          "checkpoint signature does not verify with any trusted public key: the checkpoint was forged or altered");
    }
    checkpointsChecked++;
    if (cp.sequence() > lastSequence) {
      return fail(Reason.TRUNCATED, lastRecordAt == null ? at : lastRecordAt, cp.sequence(),
          "signed checkpoint at " + at + " attests records up to sequence " + cp.sequence()
              + " but the trail ends at sequence " + lastSequence + ": the last "
              + (cp.sequence() - lastSequence) + " record(s) were removed");
    }
    if (cp.sequence() < lastSequence) {
      return fail(Reason.CHECKPOINT_OUT_OF_ORDER, at, cp.sequence(),
          "checkpoint for sequence " + cp.sequence() + " appears after records up to " + lastSequence);
    }
    if (!cp.headHash().equals(lastHash)) {
      return fail(Reason.CHECKPOINT_MISMATCH, lastRecordAt == null ? at : lastRecordAt, cp.sequence(),
          "hash of record " + cp.sequence() + " differs from the one signed at " + at
              + ": records after sequence " + lastMatchedCheckpointSequence + " were rewritten, inserted or deleted");
    }
    lastMatchedCheckpointSequence = cp.sequence();
    lastCheckpoint = signed;
    lastCheckpointAt = at;
    return true;
  }

  /** Records a failure found outside the chain rules (e.g. an unreadable line). */
  public void fail(ChainFailure external) {
    if (!failed()) {
      failure = Optional.of(external);
    }
  }

  /** Adds an observation that is not a failure. */
  public void note(String note) {
    notes.add(note);
  }

  /**
   * The verdict.
   *
   * @param tailIncluded true when the input reached the newest record of the trail, so that the
   *     unanchored tail and the clean close can be judged
   */
  public ChainVerdict finish(boolean tailIncluded) {
    boolean closedCleanly = false;
    long unanchored = 0;
    if (!failed() && tailIncluded) {
      long anchoredUpTo = lastCheckpoint == null ? firstSequence - 1 : lastCheckpoint.checkpoint().sequence();
      if (recordsChecked > 0 && lastSequence > anchoredUpTo) {
        unanchored = lastSequence - Math.max(anchoredUpTo, firstSequence - 1);
        notes.add(unanchored + " record(s) after sequence " + anchoredUpTo
            + " are not anchored by a signed checkpoint: the trail was not closed cleanly (crash) or is still open");
      }
      closedCleanly = lastCheckpoint != null && lastCheckpoint.checkpoint().kind() == AuditCheckpoint.Kind.CLOSE
          && lastCheckpoint.checkpoint().sequence() == lastSequence;
    } else if (!tailIncluded) {
      notes.add("the range ends before the newest record: truncation and clean close were not judged");
    }
    return new ChainVerdict(failure, recordsChecked, firstSequence, lastSequence, lastHash,
        checkpointsChecked, closedCleanly, unanchored, notes);
  }

  private boolean fail(Reason reason, TrailPosition at, long sequence, String detail) {
    failure = Optional.of(new ChainFailure(reason, at, sequence, detail));
    return false;
  }
}
