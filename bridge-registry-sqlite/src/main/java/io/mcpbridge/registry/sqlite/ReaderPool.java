package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.error.BackendUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A few read-only connections lent to one caller at a time. Reads never wait for the writer:
 * in WAL mode each read sees the last commit that completed before it began.
 */
final class ReaderPool implements AutoCloseable {
  private static final long BORROW_TIMEOUT_SECONDS = 30;

  private final BlockingQueue<CachedConnection> idle;
  private final List<CachedConnection> all;
  private volatile boolean closed;

  ReaderPool(ConnectionFactory factory, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    all = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        CachedConnection c = factory.openReader();
        all.add(c);
        idle.add(c);
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** Runs {@code work} on a borrowed connection. */
  <T> T read(String what, SqlWork<T> work) {
    CachedConnection c = borrow();
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw GroupCommitWriter.unavailable(what, e);
    } finally {
      idle.add(c);
    }
  }

  private CachedConnection borrow() {
    if (closed) {
      throw new BackendUnavailableException("the job registry is closed");
    }
    try {
      CachedConnection c = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (c == null) {
        throw new BackendUnavailableException("the job registry is overloaded: no connection free");
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendUnavailableException("interrupted while waiting for the job registry", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (CachedConnection c : all) {
      try {
        c.close();
      } catch (SQLException e) {
        // Closing a read-only connection loses nothing.
      }
    }
  }
}
