package io.mcpbridge.registry.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.port.JobRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks that every acknowledged write survived. */
class RegistryCrashIT {
  private static final int ACKNOWLEDGED_BEFORE_KILL = 1_500;

  @TempDir
  Path dir;

  @Test
  void givenProcessWritingJobs_killMinusNine_everyAcknowledgedJobAndEventSurvivesIntact() throws Exception {
    Path file = dir.resolve("crash/registry.db");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), RegistryWriterProcess.class.getName(),
        file.toString(), "3")
        .redirectError(dir.resolve("child-stderr.txt").toFile())
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(child, lines), "child-stdout");
    reader.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines.size() < ACKNOWLEDGED_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(child.isAlive()).as("child still writing when killed").isTrue();
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(30));

    Map<JobId, Set<Long>> acknowledged = parse(lines);
    assertThat(acknowledged).hasSizeGreaterThan(100);
    assertThat(integrityCheck(file)).isEqualTo("ok");
    try (JobRegistry reopened = SqliteJobRegistry.open(file)) {
      for (Map.Entry<JobId, Set<Long>> job : acknowledged.entrySet()) {
        assertThat(reopened.findJob(job.getKey())).as("acknowledged job %s", job.getKey()).isPresent();
        Set<Long> stored = new HashSet<>();
        reopened.events(job.getKey(), 0).forEach(e -> stored.add(e.sequence()));
        assertThat(stored).as("events of %s", job.getKey()).containsAll(job.getValue());
      }
      List<Job> all = reopened.jobsInStates(EnumSet.allOf(JobState.class));
      assertThat(all.size()).isGreaterThanOrEqualTo(acknowledged.size());
      for (Job job : all) {
        List<Long> sequences = reopened.events(job.id(), 0).stream().map(JobEvent::sequence).toList();
        assertThat(sequences).as("gap-free events of %s", job.id())
            .containsExactlyElementsOf(LongStream.rangeClosed(1, sequences.size()).boxed().toList());
      }
    }
  }

  private static void readLines(Process child, List<String> into) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        into.add(line);
      }
    } catch (java.io.IOException e) {
      // The pipe breaks when the child dies; the lines read so far are what was acknowledged.
    }
  }

  /** Job id → acknowledged event sequences; a line cut short by the kill (no " .") is ignored. */
  private static Map<JobId, Set<Long>> parse(List<String> lines) {
    Map<JobId, Set<Long>> acknowledged = new HashMap<>();
    for (String line : new ArrayList<>(lines)) {
      if (!line.endsWith(" .")) {
        continue;
      }
      String[] parts = line.split(" ");
      JobId id = new JobId(parts[1]);
      Set<Long> events = acknowledged.computeIfAbsent(id, k -> new HashSet<>());
      events.add(parts[0].equals("job") ? 1L : Long.parseLong(parts[2]));
    }
    return acknowledged;
  }

  private static String integrityCheck(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }
}
