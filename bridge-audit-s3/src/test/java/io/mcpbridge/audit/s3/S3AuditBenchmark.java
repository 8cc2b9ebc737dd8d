package io.mcpbridge.audit.s3;

import io.mcpbridge.core.config.AuditSettings;
import io.mcpbridge.testkit.AuditEvents;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures acknowledged appends per second to the S3 trail (each acknowledged only after its batch
 * object was stored with Object Lock) for 1, 8 and 32 appending threads, one fresh bucket per run.
 * Not a test: run by hand against the gateway of {@code scripts/ceph-rgw.sh}, see docs/benchmarks.md.
 * Reads AUDIT_S3_ENDPOINT and the AWS_* credentials from the environment.
 */
public final class S3AuditBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(5);

  private S3AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(System.getenv("AUDIT_S3_ENDPOINT"));
    System.out.printf("S3 trail on %s, COMPLIANCE lock 1 day, checkpoint every 1000 events, warm-up %ds, measured %ds%n",
        endpoint, WARM_UP.toSeconds(), MEASURE.toSeconds());
    for (int threads : new int[] {1, 8, 32}) {
      S3AuditSettings settings = new S3AuditSettings(new S3Location("bench-" + UUID.randomUUID().toString().substring(0, 8), "audit"),
          "us-east-1", Optional.of(endpoint), AuditSettings.LockMode.COMPLIANCE, 1, Optional.empty(), 1000,
          Duration.ofSeconds(60), Optional.empty(), true, S3AuditSettings.DEFAULT_MAX_BATCH,
          S3AuditSettings.DEFAULT_MAX_BATCH_WAIT, Clock.systemUTC());
      try (var s3 = S3Clients.create(settings)) {
        s3.createBucket(b -> b.bucket(settings.location().bucket()).objectLockEnabledForBucket(true));
      }
      Result r = run(settings, threads);
      System.out.printf("threads=%2d  %,8.0f acknowledged events/s  %,6.0f PUTs/s  %5.1f events per object%n",
          threads, r.events(), r.objects(), r.events() / r.objects());
    }
  }

  private record Result(double events, double objects) {}

  private static Result run(S3AuditSettings settings, int threads) throws Exception {
    try (S3AuditSink sink = S3AuditSink.open(settings)) {
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
      long batchesBefore = sink.batchesStored();
      long start = System.nanoTime();
      Thread.sleep(MEASURE.toMillis());
      long count = acknowledged.sum() - before;
      long batches = sink.batchesStored() - batchesBefore;
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      for (Thread w : workers) {
        w.join();
      }
      return new Result(count / seconds, batches / seconds);
    }
  }
}
