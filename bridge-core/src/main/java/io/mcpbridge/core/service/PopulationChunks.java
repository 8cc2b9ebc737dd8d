package io.mcpbridge.core.service;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobEvent;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.JobMessage;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.WorkerReport;
import io.mcpbridge.core.population.Population;
import io.mcpbridge.core.population.PopulationChunkResult;
import io.mcpbridge.core.population.PopulationGatherer;
import io.mcpbridge.core.population.PopulationJobSettings;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.population.PopulationRunRequest;
import io.mcpbridge.core.population.PopulationRunner;
import io.mcpbridge.core.population.PopulationSlice;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Population jobs on queue workers. The API splits a population into chunks of at most
 * {@code chunkSize} consecutive individuals (POPULATION_CHUNK_SIZE); each chunk message carries the
 * base spec (model path and SHA-256, overrides, outputs) and its individuals' values. Workers
 * report each chunk's series and failures; the API keeps each chunk's output under
 * {@code POPULATION_STORAGE_PATH/<job>/chunks/attempt-<n>/} and, when the last one is in, writes
 * the same result files as the thread backend ({@link PopulationGatherer}). Progress is
 * individuals done across chunks.
 */
public final class PopulationChunks implements ChunkedWork {
  private final PopulationJobStore store;
  private final SimulationEngine engine;
  private final JobRegistry registry;
  private final PopulationGatherer gatherer;
  private final int chunkSize;
  /** Individuals done per chunk of the current attempt, for progress; rebuilt after a restart. */
  private final Map<JobId, Progress> progress = new ConcurrentHashMap<>();

  private record Progress(int attempt, int individuals, int[] done) {}

  /**
   * @param chunkSize individuals per chunk (POPULATION_CHUNK_SIZE)
   */
  public PopulationChunks(PopulationJobStore store, SimulationEngine engine, JobRegistry registry, UnitCatalog units,
      int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
    this.store = store;
    this.engine = engine;
    this.registry = registry;
    this.gatherer = new PopulationGatherer(units);
    this.chunkSize = chunkSize;
  }

  @Override
  public boolean claims(JobId job) {
    return store.settings(job).isPresent();
  }

  @Override
  public Optional<List<JobMessage>> split(JobMessage whole) {
    if (!claims(whole.jobId())) {
      return Optional.empty();
    }
    LoadedModel model = engine.load(whole.spec().model());
    Population population = store.population(whole.jobId(), model);
    PopulationRunner.Plan plan = PopulationRunner.plan(model, whole.spec(), population);
    int n = population.size();
    // Chunks of equal size (the last may be smaller), at most chunkSize individuals each.
    int count = (n + chunkSize - 1) / chunkSize;
    int size = (n + count - 1) / count;
    List<JobMessage> messages = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      PopulationSlice slice = PopulationSlice.of(population, c * size, Math.min(n, (c + 1) * size));
      messages.add(new JobMessage(whole.jobId(), whole.attempt(), whole.simulationId(), whole.revision(), plan.base(),
          whole.timeout(), whole.correlationId(), Optional.of(new JobMessage.Chunk(c, count)),
          Optional.of(new JobMessage.ChunkWork(PopulationSlice.KIND, slice.toJson()))));
    }
    progress.put(whole.jobId(), new Progress(whole.attempt(), n, new int[count]));
    return Optional.of(messages);
  }

  @Override
  public JobEvent.Progress progress(Job running, WorkerReport report) {
    WorkerReport.ChunkReport chunk = report.chunk().orElseThrow();
    Progress p = progress.compute(running.id(), (id, known) -> known != null && known.attempt() == report.attempt()
        && known.done().length == chunk.count() ? known : new Progress(report.attempt(), individuals(running), new int[chunk.count()]));
    synchronized (p) {
      int done = report.kind() == WorkerReport.Kind.SUCCEEDED
          ? chunkSizeOf(chunk.index(), chunk.count(), p.individuals())
          : (int) Math.min(report.progress().map(JobEvent.Progress::simulatedTime).orElse(0.0),
              chunkSizeOf(chunk.index(), chunk.count(), p.individuals()));
      p.done()[chunk.index()] = Math.max(p.done()[chunk.index()], done);
      int total = 0;
      for (int d : p.done()) {
        total += d;
      }
      return new JobEvent.Progress(total, p.individuals());
    }
  }

  @Override
  public boolean gather(Job running, WorkerReport report) {
    WorkerReport.ChunkReport chunk = report.chunk().orElseThrow();
    store.saveChunk(running.id(), report.attempt(), chunk.index(), chunk.output());
    if (store.chunksKept(running.id(), report.attempt(), chunk.count()) < chunk.count()) {
      return false;
    }
    StoredSimulation sim = registry.findSimulation(running.simulationId(), running.revision())
        .orElseThrow(() -> new NotFoundException("simulation " + running.simulationId() + " revision "
            + running.revision() + " no longer exists"));
    PopulationJobSettings settings = store.settings(running.id())
        .orElseThrow(() -> new NotFoundException("the files of population job " + running.id() + " were removed"));
    LoadedModel model = engine.load(sim.spec().model());
    Population population = store.population(running.id(), model);
    gatherer.gather(new PopulationRunRequest(model, sim.spec(), population, store.resultsDirectory(running.id()),
        settings.pkOptions(), settings.percentiles()), chunk.count(), i -> {
          try {
            return PopulationChunkResult.decode(store.chunk(running.id(), report.attempt(), i));
          } catch (IllegalArgumentException e) {
            throw new InvalidInputException("chunk " + i + " of population job " + running.id() + " is unreadable: "
                + e.getMessage());
          }
        });
    return true;
  }

  @Override
  public void ended(JobId job) {
    progress.remove(job);
    store.deleteChunks(job);
  }

  private int individuals(Job running) {
    StoredSimulation sim = registry.findSimulation(running.simulationId(), running.revision()).orElse(null);
    if (sim == null) {
      return 0;
    }
    return store.population(running.id(), engine.load(sim.spec().model())).size();
  }

  /** Individuals in chunk {@code index}: chunks hold {@code ceil(n / count)} individuals, the last the rest. */
  private static int chunkSizeOf(int index, int count, int n) {
    int size = (n + count - 1) / count;
    return Math.max(0, Math.min(size, n - index * size));
  }
}
