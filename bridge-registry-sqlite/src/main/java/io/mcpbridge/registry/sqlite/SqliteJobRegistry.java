package io.mcpbridge.registry.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.core.config.RegistrySettings;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobKind;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The durable {@link JobRegistry} in one SQLite file ({@code JOB_REGISTRY_PATH}).
 *
 * <ul>
 *   <li>WAL journal with {@code synchronous=FULL}: when a method returns, its change is on disk
 *       and survives a crash of the process or the machine.
 *   <li>All writes go through one connection on one thread, committed in groups (see
 *       {@link GroupCommitWriter}); reads use a small pool of read-only connections.
 *   <li>Every multi-step write (a job with its first event and idempotency key; a state change
 *       with its event) is one transaction. Event sequence numbers come from a per-job counter
 *       in the job row, advanced in the transaction that inserts the event, so they have no gaps.
 *   <li>Specs are stored as JSON, result values as little-endian double BLOBs.
 *   <li>The schema is versioned; opening a file migrates it forward, and refuses a newer one.
 * </ul>
 *
 * <p>Thread-safe. Database failures surface as {@link BackendUnavailableException} whose message
 * names the operation, never SQL or stored data.
 */
public final class SqliteJobRegistry implements JobRegistry {
  private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
  private static final int READERS = 4;
  private static final String TERMINAL_STATES = Arrays.stream(JobState.values()).filter(JobState::isTerminal)
      .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final SpecCodec specs;
  private final ResultCodec results;

  private SqliteJobRegistry(GroupCommitWriter writer, ReaderPool readers) {
    this.writer = writer;
    this.readers = readers;
    this.specs = new SpecCodec(new ObjectMapper());
    this.results = new ResultCodec(specs);
  }

  /** Opens the registry of the settings. */
  public static SqliteJobRegistry open(RegistrySettings settings) {
    return open(settings.path());
  }

  /**
   * Opens (creating if needed) the registry file at {@code file}, creating its parent directories
   * and migrating its schema to the latest version.
   *
   * @throws InvalidInputException if {@code file} is a directory
   * @throws BackendUnavailableException if the file cannot be created, opened or migrated
   */
  public static SqliteJobRegistry open(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("the job registry path is a directory, not a file: " + file);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot create the directory of the job registry " + file, e);
    }
    ConnectionFactory factory = new ConnectionFactory(file, BUSY_TIMEOUT);
    CachedConnection writeConnection = null;
    try {
      writeConnection = factory.openWriter();
      Schema.migrate(writeConnection);
      ReaderPool readers = new ReaderPool(factory, READERS);
      return new SqliteJobRegistry(new GroupCommitWriter(writeConnection, "job-registry-writer"), readers);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(writeConnection);
      if (e instanceof BackendUnavailableException b) {
        throw b;
      }
      throw new BackendUnavailableException("cannot open the job registry " + file, e);
    }
  }

  // --- simulations ---------------------------------------------------------------------------

  @Override
  public void saveSimulation(StoredSimulation simulation) {
    String spec = specs.write(simulation.spec());
    writer.write("save a simulation", c -> {
      if (exists(c, "SELECT 1 FROM simulations WHERE id = ? AND revision = ?", simulation.id().value(),
          simulation.revision())) {
        throw new ConflictException("simulation " + simulation.id() + " already has revision "
            + simulation.revision());
      }
      PreparedStatement s = c.prepare(
          "INSERT INTO simulations (id, revision, owner, created_at, spec) VALUES (?, ?, ?, ?, ?)");
      s.setString(1, simulation.id().value());
      s.setInt(2, simulation.revision());
      s.setString(3, simulation.owner());
      s.setLong(4, Rows.nanos(simulation.createdAt()));
      s.setString(5, spec);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<StoredSimulation> findSimulation(SimulationId id) {
    return readers.read("read a simulation", c -> simulation(c.prepare(
        "SELECT id, revision, owner, created_at, spec FROM simulations WHERE id = ? ORDER BY revision DESC LIMIT 1"),
        id, Optional.empty()));
  }

  @Override
  public Optional<StoredSimulation> findSimulation(SimulationId id, int revision) {
    return readers.read("read a simulation", c -> simulation(c.prepare(
        "SELECT id, revision, owner, created_at, spec FROM simulations WHERE id = ? AND revision = ?"),
        id, Optional.of(revision)));
  }

  private Optional<StoredSimulation> simulation(PreparedStatement s, SimulationId id, Optional<Integer> revision)
      throws SQLException {
    s.setString(1, id.value());
    if (revision.isPresent()) {
      s.setInt(2, revision.get());
    }
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(new StoredSimulation(new SimulationId(r.getString(1)), r.getInt(2),
          specs.read(r.getString(5)), r.getString(3), Rows.instant(r.getLong(4))));
    }
  }

  // --- jobs ----------------------------------------------------------------------------------

  @Override
  public Job createJob(Job job, Optional<IdempotencyKey> key) {
    return create(job, key, Optional.empty());
  }

  @Override
  public Job createJob(Job job, Optional<IdempotencyKey> key, JobRequest request) {
    return create(job, key, Optional.of(request));
  }

  @Override
  public Optional<JobRequest> findJobRequest(JobId id) {
    return readers.read("read a job request", c -> {
      PreparedStatement s = c.prepare("SELECT kind, body FROM job_requests WHERE job_id = ?");
      s.setString(1, id.value());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new JobRequest(JobKind.fromWireName(r.getString(1)), r.getString(2)))
            : Optional.empty();
      }
    });
  }

  private Job create(Job job, Optional<IdempotencyKey> key, Optional<JobRequest> request) {
    if (job.state() != JobState.QUEUED) {
      throw new IllegalArgumentException("a new job must be queued, not " + job.state().wireName());
    }
    if (key.isPresent() && !key.get().owner().equals(job.owner())) {
      throw new IllegalArgumentException("an idempotency key belongs to the job's owner");
    }
    return writer.write("create a job", c -> {
      if (key.isPresent()) {
        Optional<Job> earlier = jobOfKey(c, key.get());
        if (earlier.isPresent()) {
          return earlier.get();
        }
      }
      if (exists(c, "SELECT 1 FROM jobs WHERE id = ?", job.id().value())) {
        throw new ConflictException("job " + job.id() + " already exists");
      }
      PreparedStatement s = c.prepare("INSERT INTO jobs (" + Rows.JOB_COLUMNS + ", last_sequence)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
      Rows.bindJob(s, job);
      s.executeUpdate();
      insertEvent(c, new JobEvent(job.id(), 1, job.createdAt(), JobEvent.Type.STATE, job.state(),
          Optional.empty(), Optional.empty()));
      if (key.isPresent()) {
        PreparedStatement k = c.prepare("INSERT INTO idempotency_keys (owner, key, arguments_sha256, job_id,"
            + " created_at) VALUES (?, ?, ?, ?, ?)");
        k.setString(1, key.get().owner());
        k.setString(2, key.get().key());
        k.setString(3, key.get().argumentsSha256());
        k.setString(4, job.id().value());
        k.setLong(5, Rows.nanos(job.createdAt()));
        k.executeUpdate();
      }
      if (request.isPresent()) {
        PreparedStatement q = c.prepare("INSERT INTO job_requests (job_id, kind, body) VALUES (?, ?, ?)");
        q.setString(1, job.id().value());
        q.setString(2, request.get().kind().wireName());
        q.setString(3, request.get().body());
        q.executeUpdate();
      }
      return job;
    });
  }

  /** The job a key already points to; conflict if the key was used with other arguments. */
  private static Optional<Job> jobOfKey(CachedConnection c, IdempotencyKey key) throws SQLException {
    PreparedStatement s = c.prepare(
        "SELECT arguments_sha256, job_id FROM idempotency_keys WHERE owner = ? AND key = ?");
    s.setString(1, key.owner());
    s.setString(2, key.key());
    String hash;
    String jobId;
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      hash = r.getString(1);
      jobId = r.getString(2);
    }
    if (!hash.equals(key.argumentsSha256())) {
      throw new ConflictException("idempotency key was already used with different arguments");
    }
    return job(c, new JobId(jobId));
  }

  @Override
  public Optional<Job> findJob(JobId id) {
    return readers.read("read a job", c -> job(c, id));
  }

  private static Optional<Job> job(CachedConnection c, JobId id) throws SQLException {
    PreparedStatement s = c.prepare("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE id = ?");
    s.setString(1, id.value());
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(Rows.job(r)) : Optional.empty();
    }
  }

  @Override
  public boolean updateJob(Job updated, Set<JobState> expected, Optional<String> message) {
    return writer.write("update a job", c -> {
      PreparedStatement read = c.prepare("SELECT state, last_sequence FROM jobs WHERE id = ?");
      read.setString(1, updated.id().value());
      JobState current;
      long lastSequence;
      try (ResultSet r = read.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("job " + updated.id() + " does not exist");
        }
        current = JobState.valueOf(r.getString(1));
        lastSequence = r.getLong(2);
      }
      if (!expected.contains(current)) {
        return false;
      }
      boolean transition = current != updated.state();
      long sequence = transition ? lastSequence + 1 : lastSequence;
      PreparedStatement write = c.prepare("UPDATE jobs SET id = ?, owner = ?, simulation_id = ?, revision = ?,"
          + " state = ?, attempts = ?, max_retries = ?, timeout_nanos = ?, created_at = ?, updated_at = ?,"
          + " cancel_requested = MAX(cancel_requested, ?), failure_code = ?, failure_message = ?, failure_retryable = ?, result_id = ?,"
          + " last_sequence = ? WHERE id = ?");
      Rows.bindJob(write, updated);
      write.setLong(16, sequence);
      write.setString(17, updated.id().value());
      write.executeUpdate();
      if (transition) {
        insertEvent(c, new JobEvent(updated.id(), sequence, updated.updatedAt(), JobEvent.Type.STATE,
            updated.state(), Optional.empty(), message));
      }
      return true;
    });
  }

  // --- events --------------------------------------------------------------------------------

  @Override
  public JobEvent appendEvent(JobId id, JobEvent.Type type, JobState state, Optional<JobEvent.Progress> progress,
      Optional<String> message, Instant at) {
    return writer.write("append a job event", c -> {
      PreparedStatement next = c.prepare(
          "UPDATE jobs SET last_sequence = last_sequence + 1 WHERE id = ? RETURNING last_sequence");
      next.setString(1, id.value());
      long sequence;
      try (ResultSet r = next.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("job " + id + " does not exist");
        }
        sequence = r.getLong(1);
      }
      JobEvent event = new JobEvent(id, sequence, at, type, state, progress, message);
      insertEvent(c, event);
      return event;
    });
  }

  private static void insertEvent(CachedConnection c, JobEvent event) throws SQLException {
    PreparedStatement s = c.prepare("INSERT INTO job_events (" + Rows.EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Rows.bindEvent(s, event);
    s.executeUpdate();
  }

  @Override
  public List<JobEvent> events(JobId id, long afterSequence) {
    return readers.read("read job events", c -> {
      PreparedStatement s = c.prepare("SELECT " + Rows.EVENT_COLUMNS
          + " FROM job_events WHERE job_id = ? AND sequence > ? ORDER BY sequence");
      s.setString(1, id.value());
      s.setLong(2, afterSequence);
      List<JobEvent> events = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          events.add(Rows.event(r));
        }
      }
      return events;
    });
  }

  @Override
  public List<Job> jobsInStates(Set<JobState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    // States are enum names, never caller text: safe to inline, and one statement per set.
    String in = states.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    return readers.read("list jobs", c -> {
      PreparedStatement s = c.prepare("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE state IN " + in
          + " ORDER BY created_at, id");
      List<Job> jobs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          jobs.add(Rows.job(r));
        }
      }
      return jobs;
    });
  }

  @Override
  public List<Job> jobsOwnedBy(String owner, int limit) {
    java.util.Objects.requireNonNull(owner, "owner");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return readers.read("list a caller's jobs", c -> {
      PreparedStatement s = c.prepare("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE owner = ?"
          + " ORDER BY created_at DESC, id DESC LIMIT ?");
      s.setString(1, owner);
      s.setInt(2, limit);
      List<Job> jobs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          jobs.add(Rows.job(r));
        }
      }
      return jobs;
    });
  }

  // --- results -------------------------------------------------------------------------------

  @Override
  public void saveResult(StoredResult result) {
    // Encoded on the caller's thread: the writer thread only copies bytes into the file.
    String metadata = results.metadata(result.result());
    byte[] values = ResultCodec.values(result.result());
    writer.write("save a result", c -> {
      if (exists(c, "SELECT 1 FROM results WHERE id = ?", result.id().value())) {
        throw new ConflictException("result " + result.id() + " already exists");
      }
      PreparedStatement s = c.prepare("INSERT INTO results (id, job_id, simulation_id, revision, created_at,"
          + " metadata, series) VALUES (?, ?, ?, ?, ?, ?, ?)");
      s.setString(1, result.id().value());
      s.setString(2, result.jobId().value());
      s.setString(3, result.simulationId().value());
      s.setInt(4, result.revision());
      s.setLong(5, Rows.nanos(result.createdAt()));
      s.setString(6, metadata);
      s.setBytes(7, values);
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<StoredResult> findResult(ResultId id) {
    return readers.read("read a result", c -> {
      PreparedStatement s = c.prepare("SELECT id, job_id, simulation_id, revision, created_at, metadata, series"
          + " FROM results WHERE id = ?");
      s.setString(1, id.value());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredResult(new ResultId(r.getString(1)), new JobId(r.getString(2)),
            new SimulationId(r.getString(3)), r.getInt(4), results.read(r.getString(6), r.getBytes(7)),
            Rows.instant(r.getLong(5))));
      }
    });
  }

  @Override
  public void saveJobOutput(JobOutput output) {
    writer.write("save a job output", c -> {
      if (exists(c, "SELECT 1 FROM job_outputs WHERE id = ?", output.id().value())) {
        throw new ConflictException("result " + output.id() + " already exists");
      }
      PreparedStatement s = c.prepare("INSERT INTO job_outputs (id, job_id, kind, created_at, content)"
          + " VALUES (?, ?, ?, ?, ?)");
      s.setString(1, output.id().value());
      s.setString(2, output.jobId().value());
      s.setString(3, output.kind().wireName());
      s.setLong(4, Rows.nanos(output.createdAt()));
      s.setString(5, output.content());
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<JobOutput> findJobOutput(ResultId id) {
    return readers.read("read a job output", c -> {
      PreparedStatement s = c.prepare("SELECT id, job_id, kind, created_at, content FROM job_outputs WHERE id = ?");
      s.setString(1, id.value());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new JobOutput(new ResultId(r.getString(1)), new JobId(r.getString(2)),
            JobKind.fromWireName(r.getString(3)), r.getString(5), Rows.instant(r.getLong(4))));
      }
    });
  }

  // --- retention -----------------------------------------------------------------------------

  /**
   * {@inheritDoc}
   *
   * <p>An idempotency key goes with its job: the key of a job that is still queued or running is
   * kept, however old, so that a repeated submission never starts a second run of it.
   */
  @Override
  public int purgeFinishedBefore(Instant cutoff) {
    long before = Rows.nanos(cutoff);
    return writer.write("purge finished jobs", c -> {
      PreparedStatement dropResults = c.prepare("DELETE FROM results WHERE job_id IN (SELECT id FROM jobs"
          + " WHERE state IN " + TERMINAL_STATES + " AND updated_at < ?)");
      dropResults.setLong(1, before);
      dropResults.executeUpdate();
      PreparedStatement dropOutputs = c.prepare("DELETE FROM job_outputs WHERE job_id IN (SELECT id FROM jobs"
          + " WHERE state IN " + TERMINAL_STATES + " AND updated_at < ?)");
      dropOutputs.setLong(1, before);
      dropOutputs.executeUpdate();
      // Events, requests and idempotency keys follow through ON DELETE CASCADE.
      PreparedStatement dropJobs = c.prepare("DELETE FROM jobs WHERE state IN " + TERMINAL_STATES
          + " AND updated_at < ?");
      dropJobs.setLong(1, before);
      return dropJobs.executeUpdate();
    });
  }

  private static boolean exists(CachedConnection c, String sql, Object... parameters) throws SQLException {
    PreparedStatement s = c.prepare(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    try (ResultSet r = s.executeQuery()) {
      return r.next();
    }
  }

  /** Finishes the writes already submitted, then closes every connection. */
  @Override
  public void close() {
    writer.close();
    readers.close();
  }

  private static void closeQuietly(CachedConnection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Already failing to open; the first error is the one to report.
      }
    }
  }
}
