package io.mcpbridge.jobs.queue;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The broker's queue and worker-fleet state as gauges read it. Scrapes come from any number of
 * Prometheus servers, so the state is read from Redis at most once per {@link #MAX_AGE} and the
 * last reading is served in between. When the broker does not answer, {@code connected} turns
 * false and the other values keep their last reading (a gauge cannot say "unknown").
 */
final class QueueGauges {
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /**
   * One reading.
   *
   * @param waiting messages in the jobs stream that no worker took yet
   * @param oldestWaitingSeconds age of the oldest of them (0 when none)
   * @param pending messages a worker took and has not acknowledged
   * @param liveWorkers workers with a current heartbeat
   * @param stalestHeartbeatSeconds age of the oldest current heartbeat (0 when none)
   * @param connected whether the broker answered this reading
   */
  record Snapshot(long waiting, long oldestWaitingSeconds, long pending, long liveWorkers,
      long stalestHeartbeatSeconds, boolean connected) {}

  private final RedisBroker broker;
  private final QueueKeys keys;
  private final Clock clock;
  private final Duration lease;
  private Snapshot last = new Snapshot(0, 0, 0, 0, 0, false);
  private long readAtNanos;
  private boolean read;

  QueueGauges(RedisBroker broker, Clock clock, Duration lease) {
    this.broker = broker;
    this.keys = broker.keys;
    this.clock = clock;
    this.lease = lease;
  }

  /** The current reading, read again when older than {@link #MAX_AGE}. */
  synchronized Snapshot now() {
    if (read && System.nanoTime() - readAtNanos < MAX_AGE.toNanos()) {
      return last;
    }
    try {
      last = broker.call("read queue gauges", this::read);
    } catch (RuntimeException e) { // broker unavailable, or an answer this reading cannot use: a scrape never fails
      last = new Snapshot(last.waiting(), last.oldestWaitingSeconds(), last.pending(), last.liveWorkers(),
          last.stalestHeartbeatSeconds(), false);
    }
    read = true;
    readAtNanos = System.nanoTime();
    return last;
  }

  private Snapshot read(RedisCommands<String, byte[]> redis) {
    long length = redis.xlen(keys.jobs());
    long pending = redis.xpending(keys.jobs(), QueueKeys.WORKERS_GROUP).getCount();
    // Acknowledged entries are deleted, so the stream holds exactly the waiting and the taken ones.
    long waiting = Math.max(0, length - pending);
    long oldest = 0;
    if (waiting > 0) {
      Range<String> undelivered = lastDeliveredId(redis)
          .map(id -> Range.from(Range.Boundary.excluding(id), Range.Boundary.<String>unbounded()))
          .orElse(Range.create("-", "+"));
      List<StreamMessage<String, byte[]>> first = redis.xrange(keys.jobs(), undelivered, Limit.from(1));
      if (!first.isEmpty()) {
        String id = first.get(0).getId();
        long addedMillis = Long.parseLong(id.substring(0, id.indexOf('-')));
        oldest = Math.max(0, (clock.millis() - addedMillis) / 1000);
      }
    }
    long live = 0;
    long stalest = 0;
    for (String worker : workerKeys(redis)) {
      long ttl = redis.pttl(worker);
      if (ttl > 0) {
        live++;
        // Heartbeats are written with a time to live of one lease: what is gone from it has passed.
        stalest = Math.max(stalest, Math.max(0, lease.toMillis() - ttl) / 1000);
      }
    }
    return new Snapshot(waiting, oldest, pending, live, stalest, true);
  }

  /**
   * The heartbeat keys, by {@code SCAN} (not {@code KEYS}, which blocks Redis for the whole
   * keyspace): this runs every second in the API while it is scraped.
   */
  private List<String> workerKeys(RedisCommands<String, byte[]> redis) {
    List<String> found = new java.util.ArrayList<>();
    io.lettuce.core.ScanArgs match = io.lettuce.core.ScanArgs.Builder.matches(keys.workerPattern()).limit(500);
    io.lettuce.core.KeyScanCursor<String> cursor = redis.scan(match);
    found.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(cursor, match);
      found.addAll(cursor.getKeys());
    }
    return found;
  }

  /** The id of the last entry the workers' group was given, from {@code XINFO GROUPS}. */
  private Optional<String> lastDeliveredId(RedisCommands<String, byte[]> redis) {
    for (Object group : redis.xinfoGroups(keys.jobs())) {
      if (!(group instanceof List<?> fields)) {
        continue;
      }
      String name = null;
      String lastDelivered = null;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        String field = text(fields.get(i));
        if ("name".equals(field)) {
          name = text(fields.get(i + 1));
        } else if ("last-delivered-id".equals(field)) {
          lastDelivered = text(fields.get(i + 1));
        }
      }
      if (QueueKeys.WORKERS_GROUP.equals(name) && lastDelivered != null) {
        return Optional.of(lastDelivered);
      }
    }
    return Optional.empty();
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }
}
