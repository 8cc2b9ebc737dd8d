package io.mcpbridge.audit.local;

import io.mcpbridge.testkit.AuditEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures acknowledged (fsynced) appends per second for 1, 4 and 16 appending threads on a
 * fresh trail in a temporary directory (or the directory given as first argument). Not a test:
 * run by hand, see docs/benchmarks.md.
 */
public final class AuditAppendBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(5);

  private AuditAppendBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("audit-bench");
    System.out.printf("trail under %s, checkpoint every 1000 events, warm-up %ds, measured %ds%n", base,
        WARM_UP.toSeconds(), MEASURE.toSeconds());
    for (int threads : new int[] {1, 4, 16}) {
      double rate = run(base.resolve("threads-" + threads), threads);
      System.out.printf("threads=%2d  %,10.0f acknowledged events/s%n", threads, rate);
    }
  }

  private static double run(Path dir, int threads) throws Exception {
    LocalAuditSettings settings = new LocalAuditSettings(dir, 1000, Duration.ofSeconds(60), Optional.empty(), true, Clock.systemUTC());
    try (LocalFileAuditSink sink = LocalFileAuditSink.open(settings)) {
      LongAdder acknowledged = new LongAdder();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          while (running.get()) {
            sink.append(AuditEvents.toolEvent(Instant.now()));
            acknowledged.increment();
          }
        });
        worker.start();
        workers.add(worker);
      }
      Thread.sleep(WARM_UP.toMillis());
      long before = acknowledged.sum();
      long start = System.nanoTime();
      Thread.sleep(MEASURE.toMillis());
      long count = acknowledged.sum() - before;
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      for (Thread w : workers) {
        w.join();
      }
      return count / seconds;
    }
  }
}
