package io.mcpbridge.testkit.tools;

import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.JobWatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Jobs and their events in memory, with change notification: the part of {@link JobRegistry}
 * that edges read (jobs, events) plus {@link JobWatch}. Simulations and results are not stored
 * here; those methods throw {@link UnsupportedOperationException}.
 */
public final class FakeJobs implements JobRegistry, JobWatch {
  private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
  private final Map<JobId, List<JobEvent>> events = new ConcurrentHashMap<>();
  private final Map<JobId, List<Runnable>> watchers = new ConcurrentHashMap<>();

  @Override
  public synchronized Job createJob(Job job, Optional<IdempotencyKey> key) {
    jobs.put(job.id(), job);
    append(job.id(), JobEvent.Type.STATE, job.state(), Optional.empty(), Optional.empty(), job.createdAt());
    return job;
  }

  @Override
  public synchronized Job createJob(Job job, Optional<IdempotencyKey> key, io.mcpbridge.core.model.JobRequest request) {
    return createJob(job, key);
  }

  @Override
  public Optional<io.mcpbridge.core.model.JobRequest> findJobRequest(JobId id) {
    return Optional.empty();
  }

  @Override
  public void saveJobOutput(io.mcpbridge.core.model.JobOutput output) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public Optional<io.mcpbridge.core.model.JobOutput> findJobOutput(ResultId id) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public Optional<Job> findJob(JobId id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized boolean updateJob(Job updated, Set<JobState> expected, Optional<String> message) {
    Job current = jobs.get(updated.id());
    if (current == null) {
      throw new NotFoundException("no job " + updated.id());
    }
    if (!expected.contains(current.state())) {
      return false;
    }
    jobs.put(updated.id(), updated);
    if (current.state() != updated.state()) {
      append(updated.id(), JobEvent.Type.STATE, updated.state(), Optional.empty(), message, updated.updatedAt());
    }
    return true;
  }

  @Override
  public synchronized JobEvent appendEvent(JobId id, JobEvent.Type type, JobState state,
      Optional<JobEvent.Progress> progress, Optional<String> message, Instant at) {
    return append(id, type, state, progress, message, at);
  }

  private JobEvent append(JobId id, JobEvent.Type type, JobState state, Optional<JobEvent.Progress> progress,
      Optional<String> message, Instant at) {
    List<JobEvent> list = events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
    JobEvent e = new JobEvent(id, list.size() + 1L, at, type, state, progress, message);
    list.add(e);
    watchers.getOrDefault(id, List.of()).forEach(Runnable::run);
    return e;
  }

  @Override
  public List<JobEvent> events(JobId id, long afterSequence) {
    List<JobEvent> out = new ArrayList<>();
    for (JobEvent e : events.getOrDefault(id, List.of())) {
      if (e.sequence() > afterSequence) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public AutoCloseable watch(JobId id, Runnable onChange) {
    watchers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(onChange);
    return () -> watchers.getOrDefault(id, new ArrayList<>()).remove(onChange);
  }

  @Override
  public List<Job> jobsInStates(Set<JobState> states) {
    return jobs.values().stream().filter(j -> states.contains(j.state())).toList();
  }

  @Override
  public List<Job> jobsOwnedBy(String owner, int limit) {
    return jobs.values().stream().filter(j -> j.owner().equals(owner))
        .sorted(java.util.Comparator.comparing(Job::createdAt).reversed()).limit(limit).toList();
  }

  @Override
  public void saveSimulation(StoredSimulation simulation) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public Optional<StoredSimulation> findSimulation(SimulationId id) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public Optional<StoredSimulation> findSimulation(SimulationId id, int revision) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public void saveResult(StoredResult result) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public Optional<StoredResult> findResult(ResultId id) {
    throw new UnsupportedOperationException("FakeJobs stores jobs only");
  }

  @Override
  public int purgeFinishedBefore(Instant cutoff) {
    return 0;
  }

  @Override
  public void close() {}
}
