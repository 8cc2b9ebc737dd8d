package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.error.BackendUnavailableException;
import java.sql.SQLException;
import java.util.List;

/**
 * The registry's tables and their forward migrations. Migration {@code n} (1-based) takes the
 * schema from version n-1 to n; applied migrations are recorded in {@code schema_version}.
 * Migrations are append-only: a released one is never edited.
 */
final class Schema {
  static final List<List<String>> MIGRATIONS = List.of(
      // v1
      List.of(
          """
          CREATE TABLE simulations (
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            owner TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            spec TEXT NOT NULL,
            PRIMARY KEY (id, revision)
          ) WITHOUT ROWID""",
          """
          CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            simulation_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            max_retries INTEGER NOT NULL,
            timeout_nanos INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            cancel_requested INTEGER NOT NULL,
            failure_code TEXT,
            failure_message TEXT,
            failure_retryable INTEGER,
            result_id TEXT,
            last_sequence INTEGER NOT NULL
          )""",
          "CREATE INDEX jobs_by_state ON jobs (state, updated_at)",
          """
          CREATE TABLE job_events (
            job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL,
            at INTEGER NOT NULL,
            type TEXT NOT NULL,
            state TEXT NOT NULL,
            progress_done_bits INTEGER,
            progress_total_bits INTEGER,
            message TEXT,
            PRIMARY KEY (job_id, sequence)
          ) WITHOUT ROWID""",
          """
          CREATE TABLE results (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            simulation_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            metadata TEXT NOT NULL,
            series BLOB NOT NULL
          )""",
          "CREATE INDEX results_by_job ON results (job_id)",
          """
          CREATE TABLE idempotency_keys (
            owner TEXT NOT NULL,
            key TEXT NOT NULL,
            arguments_sha256 TEXT NOT NULL,
            job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (owner, key)
          ) WITHOUT ROWID""",
          "CREATE INDEX idempotency_keys_by_job ON idempotency_keys (job_id)"),
      // v2: jobs other than a simulation run carry their request; their results are text outputs.
      List.of(
          """
          CREATE TABLE job_requests (
            job_id TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            body TEXT NOT NULL
          ) WITHOUT ROWID""",
          """
          CREATE TABLE job_outputs (
            id TEXT PRIMARY KEY,
            job_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            content TEXT NOT NULL
          )""",
          "CREATE INDEX job_outputs_by_job ON job_outputs (job_id)"),
      // v3: a caller's own jobs, newest first (the console's job list).
      List.of("CREATE INDEX jobs_by_owner ON jobs (owner, created_at)"));

  static final int LATEST = MIGRATIONS.size();

  private Schema() {}

  /** Brings the file to the latest version in one transaction; refuses a newer file. */
  static void migrate(CachedConnection c) throws SQLException {
    c.execute("BEGIN IMMEDIATE");
    try {
      c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
      int current = version(c);
      if (current > LATEST) {
        throw new BackendUnavailableException("the job registry file has schema version " + current
            + ", newer than this build supports (" + LATEST + ")");
      }
      for (int version = current + 1; version <= LATEST; version++) {
        for (String statement : MIGRATIONS.get(version - 1)) {
          c.execute(statement);
        }
        c.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", datetime('now'))");
      }
      c.execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      c.execute("ROLLBACK");
      throw e;
    }
  }

  /** The version the file is at. */
  static int version(CachedConnection c) throws SQLException {
    String found = c.queryText("SELECT max(version) FROM schema_version");
    return found == null ? 0 : Integer.parseInt(found);
  }
}
