package io.mcpbridge.core.audit;

import io.mcpbridge.core.model.Sha256;

import io.mcpbridge.core.model.AuditEvent;
import io.mcpbridge.core.model.AuditRecord;
import java.util.Objects;

/**
 * The head of the one continuous hash chain and the rule that links a new event to it. Not
 * thread-safe: a sink serialises its appends (one writer per chain).
 */
public final class AuditChain {
  /** The previous hash of the first record. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private long sequence;
  private String headHash;

  private AuditChain(long sequence, String headHash) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0");
    }
    this.sequence = sequence;
    this.headHash = Objects.requireNonNull(headHash, "headHash");
  }

  /** An empty chain. */
  public static AuditChain empty() {
    return new AuditChain(0, GENESIS_HASH);
  }

  /** A chain whose last record has the given sequence and hash (recovered from storage). */
  public static AuditChain resumeAt(long sequence, String headHash) {
    return new AuditChain(sequence, headHash);
  }

  /** Sequence of the last record, 0 when empty. */
  public long sequence() {
    return sequence;
  }

  /** Hash of the last record, {@link #GENESIS_HASH} when empty. */
  public String headHash() {
    return headHash;
  }

  /**
   * Links an event as the next record and advances the head.
   *
   * @throws IllegalArgumentException if the event has no canonical form (unpaired surrogates)
   */
  public AuditRecord append(AuditEvent event) {
    AuditRecord record = link(event, sequence + 1, headHash);
    sequence = record.sequence();
    headHash = record.hash();
    return record;
  }

  /** The record an event becomes at a given position, without changing any chain. */
  public static AuditRecord link(AuditEvent event, long sequence, String previousHash) {
    return new AuditRecord(event, sequence, previousHash, hashOf(event, sequence, previousHash));
  }

  /** The hash a record must carry: SHA-256 hex over the canonical JSON of its content. */
  public static String hashOf(AuditEvent event, long sequence, String previousHash) {
    return sha256Hex(CanonicalJson.write(AuditRecordForm.content(event, sequence, previousHash)));
  }

  /** SHA-256 of the UTF-8 bytes of a text, as lowercase hex. */
  public static String sha256Hex(String text) {
    return Sha256.hex(text);
  }

  /** SHA-256 of bytes, as lowercase hex. */
  public static String sha256Hex(byte[] bytes) {
    return Sha256.hex(bytes);
  }
}
