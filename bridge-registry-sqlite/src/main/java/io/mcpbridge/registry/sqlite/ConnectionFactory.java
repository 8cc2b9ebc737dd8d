package io.mcpbridge.registry.sqlite;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/** Opens connections to the registry file with the pragmas every connection needs. */
final class ConnectionFactory {
  private final String url;
  private final Duration busyTimeout;

  ConnectionFactory(Path file, Duration busyTimeout) {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.busyTimeout = busyTimeout;
  }

  /** The one connection that writes. */
  CachedConnection openWriter() throws SQLException {
    CachedConnection c = open();
    String mode = c.queryText("PRAGMA journal_mode=WAL");
    if (!"wal".equals(mode == null ? null : mode.toLowerCase(Locale.ROOT))) {
      c.close();
      throw new SQLException("the registry file does not support write-ahead logging");
    }
    // FULL, not NORMAL: with WAL, NORMAL syncs only at checkpoints, so a commit survives a crash
    // of this process but not of the machine (power loss, kernel panic) - the last commits may
    // roll back. FULL syncs the WAL at every commit, so "the method returned" implies "on disk".
    // Group commit (GroupCommitWriter) pays that sync once per batch, not once per call.
    c.execute("PRAGMA synchronous=FULL");
    return c;
  }

  /** A connection that only reads; WAL lets it read while the writer commits. */
  CachedConnection openReader() throws SQLException {
    CachedConnection c = open();
    c.execute("PRAGMA query_only=ON");
    return c;
  }

  private CachedConnection open() throws SQLException {
    CachedConnection c = new CachedConnection(DriverManager.getConnection(url));
    try {
      // Waits for another process's write lock (e.g. a second bridge on the same file) instead
      // of failing at once with SQLITE_BUSY.
      c.execute("PRAGMA busy_timeout=" + busyTimeout.toMillis());
      c.execute("PRAGMA foreign_keys=ON");
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }
}
