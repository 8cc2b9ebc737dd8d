package io.mcpbridge.registry.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection with its prepared statements kept for reuse. Confined to one thread at a time
 * (the writer thread, or the reader that borrowed it), so it needs no locking.
 */
final class CachedConnection implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  CachedConnection(Connection connection) {
    this.connection = connection;
  }

  /** A prepared statement for {@code sql}; every parameter must be set again before use. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Runs a statement without parameters or results (transaction control, pragmas, DDL). */
  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs a pragma or query that yields one text value. */
  String queryText(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements.values()) {
      statement.close();
    }
    statements.clear();
    connection.close();
  }
}
