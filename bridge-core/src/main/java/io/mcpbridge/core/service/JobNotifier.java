package io.mcpbridge.core.service;

import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.port.JobWatch;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells in-process watchers (event streams, progress notifications) that a job has new events in
 * the registry; watchers then read the events from the registry by sequence, so resumption and
 * ordering come from the durable store, not from this notifier. Thread-safe.
 */
public final class JobNotifier implements JobWatch {
  private final Map<JobId, Set<Runnable>> watchers = new ConcurrentHashMap<>();

  /**
   * Registers a watcher of a job.
   *
   * @return a handle that unregisters it
   */
  @Override
  public AutoCloseable watch(JobId id, Runnable onChange) {
    watchers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(onChange);
    return () -> watchers.computeIfPresent(id, (k, set) -> {
      set.remove(onChange);
      return set.isEmpty() ? null : set;
    });
  }

  /** Signals that a job has new events. */
  public void changed(JobId id) {
    Set<Runnable> set = watchers.get(id);
    if (set != null) {
      set.forEach(Runnable::run);
    }
  }
}
