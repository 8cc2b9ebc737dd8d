package io.mcpbridge.jobs.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The RabbitMQ names and queue arguments of one deployment (all under its prefix {@code P}):
 * <ul>
 *   <li>{@code P.jobs} — quorum queue of job messages; workers consume it with manual acks and a
 *       prefetch of their concurrency. A quorum queue counts deliveries ({@code x-delivery-count}),
 *       which is how a worker recognises a message that keeps killing workers. Its dead-letter
 *       exchange is {@code P.dlx}, so anything the broker itself dead-letters lands in {@code P.dead};
 *   <li>{@code P.delay.N} — classic queues that hold retries for N ms ({@code x-message-ttl}) and
 *       dead-letter them back into {@code P.jobs}: one queue per delay bucket, so every message in a
 *       queue expires in arrival order. Unused bucket queues expire;
 *   <li>{@code P.reports} — quorum queue of worker reports, consumed by the API;
 *   <li>{@code P.dead} + exchange {@code P.dlx} — dead letters with their reason in headers;
 *   <li>{@code P.control} — stream of control records ({@code cancel:JOBID}) that every worker reads
 *       from its start, so a worker that joins later still knows which queued jobs were cancelled;
 *   <li>{@code P.heartbeats} — fanout exchange of worker heartbeats (worker id and running jobs),
 *       read by the API ({@code /health}, leases of the reconciler) and by {@code bridge queue stats};
 *   <li>{@code P.paused} — a queue that exists while the queue is drained;
 *   <li>{@code P.epoch} — a queue the API declares at start; if it is gone after a reconnection,
 *       the broker lost its data and the API forgets which messages it believed waiting.
 * </ul>
 * Queue arguments never depend on the configuration: re-declaring a queue with other arguments
 * fails, and operators must be able to change settings without deleting queues.
 */
record RabbitTopology(String prefix) {
  /** Retries wait in the smallest bucket at least as long as asked; beyond the last, in exact-second queues. */
  static final List<Duration> DELAY_BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));
  private static final long CONTROL_MAX_SEGMENT_BYTES = 1_000_000;

  String jobs() {
    return prefix + ".jobs";
  }

  String reports() {
    return prefix + ".reports";
  }

  String dead() {
    return prefix + ".dead";
  }

  String deadLetterExchange() {
    return prefix + ".dlx";
  }

  String control() {
    return prefix + ".control";
  }

  String heartbeats() {
    return prefix + ".heartbeats";
  }

  String paused() {
    return prefix + ".paused";
  }

  String epoch() {
    return prefix + ".epoch";
  }

  String delay(Duration bucket) {
    return prefix + ".delay." + bucket.toMillis();
  }

  /** The bucket a retry delayed by {@code delay} waits in: never shorter than asked. */
  static Duration bucket(Duration delay) {
    for (Duration b : DELAY_BUCKETS) {
      if (b.compareTo(delay) >= 0) {
        return b;
      }
    }
    return Duration.ofSeconds((delay.toMillis() + 999) / 1000);
  }

  static Map<String, Object> quorum() {
    return Map.of("x-queue-type", "quorum");
  }

  Map<String, Object> jobsArguments() {
    return Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", deadLetterExchange());
  }

  Map<String, Object> delayArguments(Duration bucket) {
    return Map.of("x-message-ttl", bucket.toMillis(), "x-dead-letter-exchange", "",
        "x-dead-letter-routing-key", jobs(), "x-expires", bucket.toMillis() + Duration.ofMinutes(10).toMillis());
  }

  static Map<String, Object> controlArguments() {
    return Map.of("x-queue-type", "stream", "x-max-age", "7D",
        "x-stream-max-segment-size-bytes", CONTROL_MAX_SEGMENT_BYTES);
  }

  /** Every name a deployment's queues can have, for deleting them (tests, decommissioning). */
  List<String> allQueues() {
    List<String> names = new java.util.ArrayList<>(List.of(jobs(), reports(), dead(), control(), paused(), epoch()));
    DELAY_BUCKETS.forEach(b -> names.add(delay(b)));
    return names;
  }
}
