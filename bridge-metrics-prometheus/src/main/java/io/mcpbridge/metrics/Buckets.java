package io.mcpbridge.metrics;

import java.time.Duration;

/** Fixed histogram buckets: few enough to keep series per label set small, wide enough for alerts. */
final class Buckets {
  private Buckets() {}

  /** HTTP requests and tool calls: 5 ms to 10 s. */
  static final Duration[] REQUEST = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);

  /** Simulation runs: 100 ms to an hour. */
  static final Duration[] RUN = millis(100, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000,
      600_000, 1_800_000, 3_600_000);

  /** Time queued before a start: 10 ms to 30 min. */
  static final Duration[] QUEUE_WAIT = millis(10, 100, 500, 1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
      1_800_000);

  /** Durable audit appends: 1 ms to 2.5 s. */
  static final Duration[] AUDIT = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500);

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }
}
