package io.mcpbridge.registry.sqlite;

import io.mcpbridge.core.error.BackendUnavailableException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every write on one thread and one connection, committing the writes that queue up
 * meanwhile together (group commit).
 *
 * <p>Why: SQLite has one writer at a time anyway, and with {@code synchronous=FULL} each commit
 * costs a disk sync. Many concurrent callers share one sync instead of queueing for one each.
 * Each write runs inside its own savepoint, so a write that refuses (a conflict, a missing job)
 * rolls back alone and the rest of the batch commits. A caller is answered only after the
 * batch's COMMIT has returned: a returned write is durable.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  /** Bounds the latency a large batch adds to its first write. */
  private static final int MAX_BATCH = 256;

  private final CachedConnection connection;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object submitLock = new Object();
  private volatile boolean closed;

  GroupCommitWriter(CachedConnection connection, String threadName) {
    this.connection = connection;
    this.thread = new Thread(this::loop, threadName);
    // Daemon: nothing unacknowledged is lost when the JVM exits, and close() drains the queue.
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code work} in the next batch and waits until the batch has committed.
   *
   * @param what what the write does, for the error message ("create a job")
   */
  <T> T write(String what, SqlWork<T> work) {
    Task<T> task = new Task<>(what, work);
    synchronized (submitLock) {
      if (closed) {
        throw new BackendUnavailableException("the job registry is closed");
      }
      queue.add(task);
    }
    try {
      // join() ignores interrupts: a caller must not give up on a write that may still commit.
      return task.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void loop() {
    List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
    while (!closed || !queue.isEmpty()) {
      try {
        Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("job registry writer interrupted; pending writes fail");
        break;
      } finally {
        batch.clear();
      }
    }
    Task<?> left;
    while ((left = queue.poll()) != null) {
      left.result.completeExceptionally(new BackendUnavailableException("the job registry is closed"));
    }
  }

  private void runBatch(List<Task<?>> batch) {
    List<Runnable> answers = new ArrayList<>(batch.size());
    try {
      connection.execute("BEGIN IMMEDIATE");
      for (Task<?> task : batch) {
        answers.add(runInSavepoint(task));
      }
      connection.execute("COMMIT");
    } catch (Throwable e) {
      // Any failure, even an Error, fails this batch's callers instead of killing the only
      // writer thread and leaving every later write waiting forever.
      rollbackQuietly();
      for (Task<?> task : batch) {
        task.result.completeExceptionally(unavailable(task.what, e));
      }
      return;
    }
    answers.forEach(Runnable::run);
  }

  /** Runs one write; returns how to answer its caller once the batch has committed. */
  private <T> Runnable runInSavepoint(Task<T> task) throws SQLException {
    connection.execute("SAVEPOINT write");
    try {
      T value = task.work.run(connection);
      connection.execute("RELEASE write");
      return () -> task.result.complete(value);
    } catch (SQLException | RuntimeException e) {
      connection.execute("ROLLBACK TO write");
      connection.execute("RELEASE write");
      RuntimeException refusal = e instanceof RuntimeException r ? r : unavailable(task.what, e);
      return () -> task.result.completeExceptionally(refusal);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.execute("ROLLBACK");
    } catch (SQLException e) {
      LOG.debug("rollback after a failed batch failed too (no transaction open?)", e);
    }
  }

  static BackendUnavailableException unavailable(String what, Throwable cause) {
    return new BackendUnavailableException("the job registry could not " + what, cause);
  }

  /** Stops after the writes already queued, then closes the connection; later writes are refused. */
  @Override
  public void close() {
    synchronized (submitLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      thread.join();
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LOG.warn("closing the job registry's write connection failed", e);
    }
  }

  private static final class Task<T> {
    final String what;
    final SqlWork<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Task(String what, SqlWork<T> work) {
      this.what = what;
      this.work = work;
    }
  }
}
