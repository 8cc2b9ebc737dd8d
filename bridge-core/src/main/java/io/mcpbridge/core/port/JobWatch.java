package io.mcpbridge.core.port;

import io.mcpbridge.core.model.JobId;

/**
 * Notifies in-process watchers that a job has new events in the {@link JobRegistry}. Watchers
 * read the events from the registry by sequence number. Thread-safe.
 */
public interface JobWatch {

  /**
   * Registers a watcher; {@code onChange} must be fast and must not throw.
   *
   * @return a handle that unregisters it
   */
  AutoCloseable watch(JobId id, Runnable onChange);
}
