package io.mcpbridge.core.audit;

import java.util.Objects;

/**
 * The first thing that is wrong with a trail.
 *
 * @param reason what kind of damage it shows
 * @param position where it shows
 * @param sequence sequence of the record concerned (or attested, for checkpoints), -1 if unknown
 * @param detail one sentence for an operator
 */
public record ChainFailure(Reason reason, TrailPosition position, long sequence, String detail) {
  /** Kinds of damage, each with what it usually means. */
  public enum Reason {
    /** The stored hash does not match the content: the event was edited. */
    EDITED,
    /** The previous hash does not match the preceding record: deleted, reordered or inserted. */
    CHAIN_BROKEN,
    /** The sequence does not continue by one. */
    SEQUENCE_GAP,
    /** A checkpoint's signature does not verify: forged or altered checkpoint. */
    SIGNATURE_INVALID,
    /** A signed head hash differs from the record at that sequence: records rewritten. */
    CHECKPOINT_MISMATCH,
    /** Checkpoints are not in chain order. */
    CHECKPOINT_OUT_OF_ORDER,
    /** A signed checkpoint attests records that are no longer there: the tail was removed. */
    TRUNCATED,
    /** Records follow a clean close without a reopening checkpoint: appended by someone else. */
    APPENDED_AFTER_CLOSE,
    /** A line cannot be read as a record or checkpoint, or is not in canonical form. */
    UNREADABLE
  }

  public ChainFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line: position, reason and detail. */
  public String describe() {
    return position + ": " + reason + ": " + detail;
  }
}
