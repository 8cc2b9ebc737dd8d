package io.mcpbridge.core.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key (principal, client address): each key may make {@code permitsPerMinute}
 * requests in a burst, and earns them back continuously at the same rate per minute. Thread-safe.
 *
 * <p>Memory is bounded. A bucket that has been idle for a whole minute is full again, so dropping
 * it changes nothing; such buckets are swept out regularly. If more than {@code maxKeys} keys are
 * active at once, the least recently used buckets are dropped (those callers start afresh): the
 * limiter prefers a weaker limit for a few keys to refusing callers it has never seen.
 */
public final class RateLimiter {
  private static final long PERIOD_MILLIS = 60_000;
  /** Default number of keys tracked at once. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private final int permitsPerMinute;
  private final int maxKeys;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  /** The outcome of one request. */
  public record Decision(boolean allowed, int remaining, long retryAfterSeconds) {
    public Decision {
      if (remaining < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("remaining and retryAfterSeconds must not be negative");
      }
    }

    static Decision allow(int remaining) {
      return new Decision(true, remaining, 0);
    }

    static Decision refuse(long retryAfterSeconds) {
      return new Decision(false, 0, Math.max(1, retryAfterSeconds));
    }
  }

  /**
   * A limiter tracking at most {@link #DEFAULT_MAX_KEYS} keys.
   *
   * @param permitsPerMinute requests per key and minute (and the burst size), at least 1
   * @param clock time source
   */
  public RateLimiter(int permitsPerMinute, Clock clock) {
    this(permitsPerMinute, DEFAULT_MAX_KEYS, clock);
  }

  /**
   * A limiter.
   *
   * @param permitsPerMinute requests per key and minute (and the burst size), at least 1
   * @param maxKeys keys tracked at once, at least 1
   * @param clock time source
   */
  public RateLimiter(int permitsPerMinute, int maxKeys, Clock clock) {
    if (permitsPerMinute < 1) {
      throw new IllegalArgumentException("permitsPerMinute must be at least 1 (a limit of 0 means: no limiter)");
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1");
    }
    this.permitsPerMinute = permitsPerMinute;
    this.maxKeys = maxKeys;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lastSweep = new AtomicLong(clock.millis());
  }

  /**
   * Takes one permit for {@code key} if it has one.
   *
   * @param key the principal or client address
   * @return allowed with the permits left, or refused with the whole seconds to wait before a
   *     permit is available (at least 1, suitable for {@code Retry-After})
   */
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    long now = clock.millis();
    sweepIfDue(now);
    Decision[] result = new Decision[1];
    buckets.compute(key, (k, bucket) -> {
      Bucket b = bucket == null ? new Bucket(permitsPerMinute, now) : bucket;
      result[0] = b.take(now, permitsPerMinute);
      return b;
    });
    if (buckets.size() > maxKeys) {
      evict(now);
    }
    return result[0];
  }

  /** Number of keys currently tracked (for tests and metrics). */
  public int trackedKeys() {
    return buckets.size();
  }

  private void sweepIfDue(long now) {
    long last = lastSweep.get();
    if (now - last >= PERIOD_MILLIS && lastSweep.compareAndSet(last, now)) {
      buckets.entrySet().removeIf(e -> e.getValue().idleFor(now) >= PERIOD_MILLIS);
    }
  }

  private synchronized void evict(long now) {
    if (buckets.size() <= maxKeys) {
      return;
    }
    buckets.entrySet().removeIf(e -> e.getValue().idleFor(now) >= PERIOD_MILLIS);
    int excess = buckets.size() - maxKeys;
    if (excess <= 0) {
      return;
    }
    // Drop the least recently used tenth (at least the excess) in one go, so that eviction stays rare.
    int drop = Math.max(excess, maxKeys / 10);
    List<Map.Entry<String, Bucket>> entries = new ArrayList<>(buckets.entrySet());
    entries.sort(Comparator.comparingLong(e -> e.getValue().lastSeen()));
    for (int i = 0; i < drop && i < entries.size(); i++) {
      buckets.remove(entries.get(i).getKey(), entries.get(i).getValue());
    }
  }

  /** Tokens are kept in thousandths of a permit, so refill needs no floating point. */
  private static final class Bucket {
    private static final long MILLI = 1000;
    private long milliTokens;
    private long updated;
    private volatile long lastSeen;

    Bucket(int capacity, long now) {
      this.milliTokens = capacity * MILLI;
      this.updated = now;
      this.lastSeen = now;
    }

    /** Called under the map's lock for this key. */
    Decision take(long now, int capacity) {
      long capacityMilli = capacity * MILLI;
      long elapsed = Math.max(0, now - updated);
      // capacity permits per 60 000 ms = capacity milli-permits per 60 ms
      long earned = elapsed * capacity / 60;
      milliTokens = Math.min(capacityMilli, milliTokens + earned);
      if (earned > 0 || milliTokens == capacityMilli) {
        updated = now;
      }
      lastSeen = now;
      if (milliTokens >= MILLI) {
        milliTokens -= MILLI;
        return Decision.allow((int) (milliTokens / MILLI));
      }
      long missing = MILLI - milliTokens;
      long waitMillis = (missing * 60 + capacity - 1) / capacity;
      return Decision.refuse((waitMillis + 999) / 1000);
    }

    long idleFor(long now) {
      return now - lastSeen;
    }

    long lastSeen() {
      return lastSeen;
    }
  }
}
