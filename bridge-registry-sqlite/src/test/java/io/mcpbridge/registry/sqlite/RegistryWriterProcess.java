package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.testkit.JobFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * A child process for {@link RegistryCrashIT}: writes jobs and events from several threads until
 * it is killed, printing one line per acknowledged write. A line ends with " ." so that a line cut
 * by the kill is recognisable.
 */
public final class RegistryWriterProcess {
  private RegistryWriterProcess() {}

  /** Arguments: registry file, number of writer threads. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    JobRegistry registry = SqliteJobRegistry.open(file);
    Clock clock = Clock.systemUTC();
    for (int t = 0; t < threads; t++) {
      String owner = "writer-" + t;
      Thread writer = new Thread(() -> {
        for (long i = 0; ; i++) {
          Job job = registry.createJob(JobFixtures.aQueuedJob(owner, clock.instant()),
              i % 2 == 0 ? Optional.of(JobFixtures.aKey(owner, "key-" + i, "{}")) : Optional.empty());
          acknowledge("job " + job.id());
          for (int p = 0; p < 2; p++) {
            JobEvent e = registry.appendEvent(job.id(), JobEvent.Type.PROGRESS, JobState.QUEUED,
                Optional.of(new JobEvent.Progress(p, 2)), Optional.empty(), clock.instant());
            acknowledge("event " + job.id() + " " + e.sequence());
          }
          if (registry.updateJob(job.startedAttempt(clock.instant()), Set.of(JobState.QUEUED), Optional.empty())) {
            acknowledge("event " + job.id() + " 4");
          }
        }
      }, owner);
      writer.start();
    }
    Thread.currentThread().join(); // runs until killed
  }

  private static synchronized void acknowledge(String line) {
    System.out.println(line + " .");
    System.out.flush();
  }
}
