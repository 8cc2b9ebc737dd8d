package io.mcpbridge.registry.sqlite;

import java.sql.SQLException;

/** A unit of database work on one connection; may throw the core's errors to refuse. */
@FunctionalInterface
interface SqlWork<T> {
  T run(CachedConnection connection) throws SQLException;
}
