package io.mcpbridge.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An attestation that the chain had a given head at a given time. Signed (see
 * {@link SignedCheckpoint}), it makes removing the newest records detectable: the records it
 * attests must still be there, ending in the attested hash.
 *
 * @param sequence sequence of the last record attested (0 for an empty chain)
 * @param headHash hash of that record ({@link AuditChain#GENESIS_HASH} for an empty chain)
 * @param time when the checkpoint was taken
 * @param kind why it was taken
 */
public record AuditCheckpoint(long sequence, String headHash, Instant time, Kind kind) {
  /** Why a checkpoint was written. */
  public enum Kind {
    /** The sink opened the trail; anchors whatever an earlier crash left unanchored. */
    OPEN,
    /** Every N events or T seconds while running. */
    PERIODIC,
    /** The sink closed cleanly; nothing may follow until the next {@link #OPEN}. */
    CLOSE;

    /** Lowercase name as stored. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a stored name. */
    public static Kind fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** Discriminator of checkpoint lines. */
  public static final String TYPE = "checkpoint";

  public AuditCheckpoint {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0");
    }
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(kind, "kind");
  }

  /** The signed content, as an object. */
  public Map<String, Object> payload() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", TYPE);
    m.put("kind", kind.wireName());
    m.put("sequence", sequence);
    m.put("headHash", headHash);
    m.put("time", time.toString());
    return m;
  }

  /** The exact bytes that are signed: canonical JSON of {@link #payload()}. */
  public String canonicalPayload() {
    return CanonicalJson.write(payload());
  }
}
