package io.mcpbridge.core.model;

import java.util.Objects;

/**
 * An event as stored: its position in the one continuous chain and the hashes that link it.
 *
 * @param event the event
 * @param sequence position in the chain, starting at 1
 * @param previousHash hash of the previous record (64 zeros for the first)
 * @param hash SHA-256 (hex) over the canonical JSON of the event, sequence and previous hash
 */
public record AuditRecord(AuditEvent event, long sequence, String previousHash, String hash) {
  public AuditRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
