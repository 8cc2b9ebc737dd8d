package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobFailure;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Column mapping of jobs and job events, and of instants (nanoseconds since the epoch, exact). */
final class Rows {
  static final String JOB_COLUMNS = "id, owner, simulation_id, revision, state, attempts, max_retries, timeout_nanos,"
      + " created_at, updated_at, cancel_requested, failure_code, failure_message, failure_retryable, result_id";
  static final String EVENT_COLUMNS =
      "job_id, sequence, at, type, state, progress_done_bits, progress_total_bits, message";

  private Rows() {}

  /** Binds a job to parameters 1..15 in {@link #JOB_COLUMNS} order. */
  static void bindJob(PreparedStatement s, Job job) throws SQLException {
    s.setString(1, job.id().value());
    s.setString(2, job.owner());
    s.setString(3, job.simulationId().value());
    s.setInt(4, job.revision());
    s.setString(5, job.state().name());
    s.setInt(6, job.attempts());
    s.setInt(7, job.maxRetries());
    s.setLong(8, job.timeout().toNanos());
    s.setLong(9, nanos(job.createdAt()));
    s.setLong(10, nanos(job.updatedAt()));
    s.setInt(11, job.cancelRequested() ? 1 : 0);
    Optional<JobFailure> failure = job.failure();
    setNullable(s, 12, failure.map(JobFailure::code).orElse(null));
    setNullable(s, 13, failure.map(JobFailure::message).orElse(null));
    if (failure.isPresent()) {
      s.setInt(14, failure.get().retryable() ? 1 : 0);
    } else {
      s.setNull(14, Types.INTEGER);
    }
    setNullable(s, 15, job.resultId().map(ResultId::value).orElse(null));
  }

  /** Reads a job from a row selected with {@link #JOB_COLUMNS}. */
  static Job job(ResultSet r) throws SQLException {
    String failureCode = r.getString(12);
    Optional<JobFailure> failure = failureCode == null ? Optional.empty()
        : Optional.of(new JobFailure(failureCode, r.getString(13), r.getInt(14) != 0));
    String resultId = r.getString(15);
    return new Job(new JobId(r.getString(1)), r.getString(2), new SimulationId(r.getString(3)), r.getInt(4),
        JobState.valueOf(r.getString(5)), r.getInt(6), r.getInt(7), Duration.ofNanos(r.getLong(8)),
        instant(r.getLong(9)), instant(r.getLong(10)), r.getInt(11) != 0, failure,
        Optional.ofNullable(resultId).map(ResultId::new));
  }

  /** Binds an event to parameters 1..8 in {@link #EVENT_COLUMNS} order. */
  static void bindEvent(PreparedStatement s, JobEvent e) throws SQLException {
    s.setString(1, e.jobId().value());
    s.setLong(2, e.sequence());
    s.setLong(3, nanos(e.timestamp()));
    s.setString(4, e.type().name());
    s.setString(5, e.state().name());
    // Raw bits, not REAL: SQLite stores NaN as NULL, and progress must read back exactly.
    if (e.progress().isPresent()) {
      s.setLong(6, Double.doubleToRawLongBits(e.progress().get().simulatedTime()));
      s.setLong(7, Double.doubleToRawLongBits(e.progress().get().endTime()));
    } else {
      s.setNull(6, Types.INTEGER);
      s.setNull(7, Types.INTEGER);
    }
    setNullable(s, 8, e.message().orElse(null));
  }

  /** Reads an event from a row selected with {@link #EVENT_COLUMNS}. */
  static JobEvent event(ResultSet r) throws SQLException {
    long done = r.getLong(6);
    Optional<JobEvent.Progress> progress = r.wasNull() ? Optional.empty()
        : Optional.of(new JobEvent.Progress(Double.longBitsToDouble(done), Double.longBitsToDouble(r.getLong(7))));
    return new JobEvent(new JobId(r.getString(1)), r.getLong(2), instant(r.getLong(3)),
        JobEvent.Type.valueOf(r.getString(4)), JobState.valueOf(r.getString(5)), progress,
        Optional.ofNullable(r.getString(8)));
  }

  /** Nanoseconds since the epoch; covers the years 1678 to 2262. */
  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }
}
