package io.mcpbridge.registry.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.testkit.JobFixtures;
import io.mcpbridge.testkit.JobRegistryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobRegistryTest extends JobRegistryContract {
  @TempDir
  Path dir;

  @Override
  protected JobRegistry createRegistry() {
    return SqliteJobRegistry.open(dir.resolve("registry.db"));
  }

  @Test
  void givenWrittenRegistry_reopen_everythingIsStillThere() {
    Path file = dir.resolve("reopened.db");
    Job job;
    StoredSimulation simulation = JobFixtures.aSimulation(SimulationId.random(), 1, "alice", clock.instant());
    StoredResult result;
    try (JobRegistry first = SqliteJobRegistry.open(file)) {
      first.saveSimulation(simulation);
      job = first.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
          Optional.of(JobFixtures.aKey("alice", "k", "{}")));
      first.updateJob(job.startedAttempt(clock.advance(Duration.ofSeconds(1))), Set.of(JobState.QUEUED),
          Optional.empty());
      result = JobFixtures.aResult(job.id(), 100, clock.instant());
      first.saveResult(result);
    }

    try (JobRegistry second = SqliteJobRegistry.open(file)) {
      assertThat(second.findSimulation(simulation.id())).contains(simulation);
      assertThat(second.jobsInStates(Set.of(JobState.RUNNING))).extracting(Job::id).containsExactly(job.id());
      assertThat(second.events(job.id(), 0)).extracting(JobEvent::state)
          .containsExactly(JobState.QUEUED, JobState.RUNNING);
      assertSameResult(second.findResult(result.id()).orElseThrow(), result);
      assertThat(second.createJob(JobFixtures.aQueuedJob("alice", clock.instant()),
          Optional.of(JobFixtures.aKey("alice", "k", "{}"))).id()).isEqualTo(job.id());
    }
  }

  @Test
  void givenMissingParentDirectories_open_createsThemInWalMode() throws Exception {
    Path file = dir.resolve("var/lib/bridge/registry.db");

    SqliteJobRegistry.open(file).close();

    assertThat(file).isRegularFile();
    assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
    assertThat(pragma(file, "user_version")).isEqualTo("0");
    assertThat(query(file, "SELECT max(version) FROM schema_version")).isEqualTo(String.valueOf(Schema.LATEST));
  }

  @Test
  void givenDirectory_open_isRefused() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("not-a-file"));

    assertThatThrownBy(() -> SqliteJobRegistry.open(directory)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void givenFileFromANewerVersion_open_isRefusedAndTheFileKept() throws Exception {
    Path file = dir.resolve("newer.db");
    SqliteJobRegistry.open(file).close();
    execute(file, "INSERT INTO schema_version (version, applied_at) VALUES (" + (Schema.LATEST + 1) + ", 'later')");

    assertThatThrownBy(() -> SqliteJobRegistry.open(file)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("newer than this build");
    assertThat(query(file, "SELECT max(version) FROM schema_version")).isEqualTo(String.valueOf(Schema.LATEST + 1));
  }

  @Test
  void givenFileThatIsNotADatabase_open_failsAsUnavailableWithoutLeakingContent() throws Exception {
    Path file = dir.resolve("garbage.db");
    Files.writeString(file, "secret-token-1234 ".repeat(500));

    assertThatThrownBy(() -> SqliteJobRegistry.open(file)).isInstanceOf(BackendUnavailableException.class)
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void givenClosedRegistry_write_failsAsUnavailable() {
    JobRegistry closed = SqliteJobRegistry.open(dir.resolve("closed.db"));
    closed.close();

    assertThatThrownBy(() -> closed.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty()))
        .isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void givenRefusedWritesInTheSameBatches_writeConcurrently_onlyTheRefusedOnesAreRolledBack() throws Exception {
    Job existing = registry.createJob(JobFixtures.aQueuedJob("alice", clock.instant()), Optional.empty());
    List<Callable<Boolean>> writes = new ArrayList<>();
    List<Job> fresh = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      if (i % 2 == 0) {
        Job job = JobFixtures.aQueuedJob("alice", clock.instant());
        fresh.add(job);
        writes.add(() -> registry.createJob(job, Optional.empty()) != null);
      } else {
        writes.add(() -> {
          try {
            registry.createJob(existing, Optional.empty());
            return false;
          } catch (ConflictException refused) {
            return true;
          }
        });
      }
    }

    assertThat(runConcurrently(writes)).containsOnly(true);

    assertThat(registry.jobsInStates(Set.of(JobState.QUEUED))).hasSize(fresh.size() + 1);
    for (Job job : fresh) {
      assertThat(registry.events(job.id(), 0)).hasSize(1);
    }
    assertThat(registry.events(existing.id(), 0)).hasSize(1);
  }

  private static String pragma(Path file, String name) throws Exception {
    return query(file, "PRAGMA " + name);
  }

  private static String query(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  private static void execute(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
