package io.mcpbridge.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use confirmation nonces, each bound to one call: SHA-256 of tool, canonical arguments
 * and caller. A nonce is consumed by its first presentation, whatever the outcome, so it can
 * neither be replayed nor tried against other arguments. Thread-safe; kept in memory only.
 */
public final class ConfirmationNonces {
  /** How long a nonce stays valid. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  private static final int MAX_OUTSTANDING = 10_000;
  /** Outstanding nonces per caller: a flood from one caller evicts only that caller's own. */
  static final int MAX_PER_CALLER = 32;

  /** Outcome of presenting a nonce. */
  public enum Outcome {
    /** Issued for exactly this call and not used before. */
    VALID,
    /** Never issued, or already used. */
    UNKNOWN_OR_USED,
    /** Issued, but too long ago. */
    EXPIRED,
    /** Issued for other arguments, another tool or another caller (now consumed). */
    MISMATCH
  }

  private record Issued(String binding, String caller, Instant issuedAt, Instant expiresAt) {}

  private final Map<String, Issued> outstanding = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;

  public ConfirmationNonces(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Issues a nonce for a call binding (hex SHA-256) of a caller. Memory is bounded per caller and
   * overall; the oldest nonces are evicted first (their calls are simply asked again).
   */
  public synchronized String issue(String binding, String caller) {
    Instant now = clock.instant();
    outstanding.values().removeIf(i -> i.expiresAt().isBefore(now));
    long mine = outstanding.values().stream().filter(i -> i.caller().equals(caller)).count();
    if (mine >= MAX_PER_CALLER) {
      evictOldest(i -> i.caller().equals(caller));
    }
    if (outstanding.size() >= MAX_OUTSTANDING) {
      evictOldest(i -> true);
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    outstanding.put(nonce, new Issued(binding, caller, now, now.plus(ttl)));
    return nonce;
  }

  private void evictOldest(java.util.function.Predicate<Issued> which) {
    outstanding.entrySet().stream().filter(e -> which.test(e.getValue()))
        .min(java.util.Comparator.comparing(e -> e.getValue().issuedAt()))
        .ifPresent(e -> outstanding.remove(e.getKey()));
  }

  /** When a nonce issued now would expire. */
  public Instant expiryOfNewNonce() {
    return clock.instant().plus(ttl);
  }

  /** Presents a nonce for a call; consumes it. */
  public Outcome redeem(String nonce, String binding) {
    Issued issued = outstanding.remove(nonce);
    if (issued == null) {
      return Outcome.UNKNOWN_OR_USED;
    }
    if (clock.instant().isAfter(issued.expiresAt())) {
      return Outcome.EXPIRED;
    }
    boolean same = MessageDigest.isEqual(issued.binding().getBytes(StandardCharsets.US_ASCII),
        binding.getBytes(StandardCharsets.US_ASCII));
    return same ? Outcome.VALID : Outcome.MISMATCH;
  }
}
