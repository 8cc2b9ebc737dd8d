package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.testkit.JobFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of the SQLite registry on the real file system: the job path (create, start,
 * succeed: three durable commits per job) and progress events, from one thread and from many.
 * Prints Markdown table rows. Run: see the {@code bench} profile of this module's pom.
 */
public final class RegistryBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(5);

  private RegistryBenchmark() {}

  /** Argument: a directory for the database files (created, emptied of earlier runs). */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    System.out.println("| workload | threads | operations/s | registry calls/s |");
    System.out.println("| --- | --- | --- | --- |");
    for (int threads : new int[] {1, 8}) {
      report("jobs (create + 2 updates)", threads, 3, measure(dir, "jobs-" + threads, threads, RegistryBenchmark::oneJob));
    }
    for (int threads : new int[] {1, 8}) {
      report("progress events", threads, 1, measure(dir, "events-" + threads, threads, new EventWriter()));
    }
  }

  private interface Operation {
    void run(JobRegistry registry, Clock clock, int thread);
  }

  private static void oneJob(JobRegistry registry, Clock clock, int thread) {
    Job job = registry.createJob(JobFixtures.aQueuedJob("owner-" + thread, clock.instant()), Optional.empty());
    Job running = job.startedAttempt(clock.instant());
    registry.updateJob(running, Set.of(JobState.QUEUED), Optional.empty());
    registry.updateJob(running.succeeded(ResultId.random(), clock.instant()), Set.of(JobState.RUNNING),
        Optional.empty());
  }

  /** Appends progress events to one job per thread, as a running simulation does. */
  private static final class EventWriter implements Operation {
    private final List<Job> jobs = new ArrayList<>();

    @Override
    public void run(JobRegistry registry, Clock clock, int thread) {
      Job job;
      synchronized (jobs) {
        while (jobs.size() <= thread) {
          jobs.add(registry.createJob(JobFixtures.aQueuedJob("owner", clock.instant()), Optional.empty()));
        }
        job = jobs.get(thread);
      }
      registry.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.RUNNING,
          Optional.of(new JobEvent.Progress(1, 2)), Optional.empty(), clock.instant());
    }
  }

  private static double measure(Path dir, String name, int threads, Operation operation) throws Exception {
    Path file = dir.resolve(name + ".db");
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    Clock clock = Clock.systemUTC();
    try (JobRegistry registry = SqliteJobRegistry.open(file)) {
      run(registry, clock, threads, operation, WARM_UP);
      long start = System.nanoTime();
      long done = run(registry, clock, threads, operation, MEASURE);
      return done / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long run(JobRegistry registry, Clock clock, int threads, Operation operation, Duration length)
      throws InterruptedException {
    LongAdder count = new LongAdder();
    long end = System.nanoTime() + length.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < end) {
          operation.run(registry, clock, thread);
          count.increment();
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return count.sum();
  }

  private static void report(String workload, int threads, int callsPerOperation, double perSecond) {
    System.out.printf("| %s | %d | %,.0f | %,.0f |%n", workload, threads, perSecond, perSecond * callsPerOperation);
  }
}
