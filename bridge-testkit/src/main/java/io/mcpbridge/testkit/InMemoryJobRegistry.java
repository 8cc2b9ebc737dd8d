package io.mcpbridge.testkit;

import io.mcpbridge.core.error.ConflictException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.IdempotencyKey;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobState;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.SimulationId;
import io.mcpbridge.core.model.JobOutput;
import io.mcpbridge.core.model.JobRequest;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.port.JobRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link JobRegistry} in memory, for tests of code that uses the port. Obeys the same contract
 * as the durable registry (it passes {@link JobRegistryContract}) except that nothing survives the
 * instance. Thread-safe: every method holds the instance's monitor.
 */
public final class InMemoryJobRegistry implements JobRegistry {
  private final Map<SimulationId, TreeMap<Integer, StoredSimulation>> simulations = new HashMap<>();
  private final Map<JobId, Job> jobs = new HashMap<>();
  private final Map<JobId, List<JobEvent>> events = new HashMap<>();
  private final Map<ResultId, StoredResult> results = new HashMap<>();
  private final Map<JobId, JobRequest> requests = new HashMap<>();
  private final Map<ResultId, JobOutput> outputs = new HashMap<>();
  private final Map<OwnedKey, KeyEntry> keys = new HashMap<>();

  private record OwnedKey(String owner, String key) {}

  private record KeyEntry(String argumentsSha256, JobId jobId) {}

  @Override
  public synchronized void saveSimulation(StoredSimulation simulation) {
    TreeMap<Integer, StoredSimulation> revisions =
        simulations.computeIfAbsent(simulation.id(), id -> new TreeMap<>());
    if (revisions.containsKey(simulation.revision())) {
      throw new ConflictException("simulation " + simulation.id() + " already has revision " + simulation.revision());
    }
    revisions.put(simulation.revision(), simulation);
  }

  @Override
  public synchronized Optional<StoredSimulation> findSimulation(SimulationId id) {
    TreeMap<Integer, StoredSimulation> revisions = simulations.get(id);
    return revisions == null || revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.lastEntry().getValue());
  }

  @Override
  public synchronized Optional<StoredSimulation> findSimulation(SimulationId id, int revision) {
    TreeMap<Integer, StoredSimulation> revisions = simulations.get(id);
    return revisions == null ? Optional.empty() : Optional.ofNullable(revisions.get(revision));
  }

  @Override
  public synchronized Job createJob(Job job, Optional<IdempotencyKey> key) {
    NewJobRules.check(job, key);
    if (key.isPresent()) {
      KeyEntry earlier = keys.get(new OwnedKey(key.get().owner(), key.get().key()));
      if (earlier != null) {
        if (!earlier.argumentsSha256().equals(key.get().argumentsSha256())) {
          throw NewJobRules.keyReusedWithOtherArguments();
        }
        return jobs.get(earlier.jobId());
      }
    }
    if (jobs.containsKey(job.id())) {
      throw new ConflictException("job " + job.id() + " already exists");
    }
    jobs.put(job.id(), job);
    List<JobEvent> log = new ArrayList<>();
    log.add(new JobEvent(job.id(), 1, job.createdAt(), JobEvent.Type.STATE, job.state(), Optional.empty(),
        Optional.empty()));
    events.put(job.id(), log);
    key.ifPresent(k -> keys.put(new OwnedKey(k.owner(), k.key()), new KeyEntry(k.argumentsSha256(), job.id())));
    return job;
  }

  @Override
  public synchronized Job createJob(Job job, Optional<IdempotencyKey> key, JobRequest request) {
    Job stored = createJob(job, key);
    if (stored.id().equals(job.id())) {
      requests.put(job.id(), request);
    }
    return stored;
  }

  @Override
  public synchronized Optional<JobRequest> findJobRequest(JobId id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized void saveJobOutput(JobOutput output) {
    if (outputs.containsKey(output.id())) {
      throw new ConflictException("result " + output.id() + " already exists");
    }
    outputs.put(output.id(), output);
  }

  @Override
  public synchronized Optional<JobOutput> findJobOutput(ResultId id) {
    return Optional.ofNullable(outputs.get(id));
  }

  @Override
  public synchronized Optional<Job> findJob(JobId id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized boolean updateJob(Job updated, Set<JobState> expected, Optional<String> message) {
    Job current = jobs.get(updated.id());
    if (current == null) {
      throw new NotFoundException("job " + updated.id() + " does not exist");
    }
    if (!expected.contains(current.state())) {
      return false;
    }
    // Cancellation, once requested, stays requested (the registry contract).
    jobs.put(updated.id(), current.cancelRequested() && !updated.cancelRequested()
        ? updated.withCancelRequested(updated.updatedAt()) : updated);
    if (current.state() != updated.state()) {
      append(updated.id(), JobEvent.Type.STATE, updated.state(), Optional.empty(), message, updated.updatedAt());
    }
    return true;
  }

  @Override
  public synchronized JobEvent appendEvent(JobId id, JobEvent.Type type, JobState state,
      Optional<JobEvent.Progress> progress, Optional<String> message, Instant at) {
    if (!jobs.containsKey(id)) {
      throw new NotFoundException("job " + id + " does not exist");
    }
    return append(id, type, state, progress, message, at);
  }

  private JobEvent append(JobId id, JobEvent.Type type, JobState state, Optional<JobEvent.Progress> progress,
      Optional<String> message, Instant at) {
    List<JobEvent> log = events.get(id);
    JobEvent event = new JobEvent(id, log.size() + 1L, at, type, state, progress, message);
    log.add(event);
    return event;
  }

  @Override
  public synchronized List<JobEvent> events(JobId id, long afterSequence) {
    List<JobEvent> log = events.getOrDefault(id, List.of());
    return log.stream().filter(e -> e.sequence() > afterSequence).toList();
  }

  @Override
  public synchronized List<Job> jobsInStates(Set<JobState> states) {
    return jobs.values().stream()
        .filter(j -> states.contains(j.state()))
        .sorted(Comparator.comparing(Job::createdAt).thenComparing(j -> j.id().value()))
        .toList();
  }

  @Override
  public synchronized List<Job> jobsOwnedBy(String owner, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return jobs.values().stream()
        .filter(j -> j.owner().equals(owner))
        .sorted(Comparator.comparing(Job::createdAt).thenComparing(j -> j.id().value()).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void saveResult(StoredResult result) {
    if (results.containsKey(result.id())) {
      throw new ConflictException("result " + result.id() + " already exists");
    }
    results.put(result.id(), result);
  }

  @Override
  public synchronized Optional<StoredResult> findResult(ResultId id) {
    return Optional.ofNullable(results.get(id));
  }

  @Override
  public synchronized int purgeFinishedBefore(Instant cutoff) {
    int removed = 0;
    for (Iterator<Job> it = jobs.values().iterator(); it.hasNext(); ) {
      Job job = it.next();
      if (job.state().isTerminal() && job.updatedAt().isBefore(cutoff)) {
        it.remove();
        events.remove(job.id());
        results.values().removeIf(r -> r.jobId().equals(job.id()));
        requests.remove(job.id());
        outputs.values().removeIf(o -> o.jobId().equals(job.id()));
        keys.values().removeIf(k -> k.jobId().equals(job.id()));
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
