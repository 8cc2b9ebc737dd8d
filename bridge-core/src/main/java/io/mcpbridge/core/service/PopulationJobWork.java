package io.mcpbridge.core.service;

import io.mcpbridge.core.model.Job;
import io.mcpbridge.core.model.JobId;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ResultId;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.population.Population;
import io.mcpbridge.core.population.PopulationJobSettings;
import io.mcpbridge.core.population.PopulationJobStore;
import io.mcpbridge.core.population.PopulationRunRequest;
import io.mcpbridge.core.population.PopulationRunner;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.Objects;

/**
 * Population jobs: a job is one if the {@link PopulationJobStore} holds its individuals. An attempt
 * loads the model once, runs every individual on {@code threads} threads and writes the result files
 * into the job's results directory; progress is reported as individuals done.
 */
public final class PopulationJobWork implements JobWork {
  private final PopulationJobStore store;
  private final SimulationEngine engine;
  private final PopulationRunner runner;

  /**
   * @param threads individuals simulated at once (JOB_WORKER_THREADS)
   */
  public PopulationJobWork(PopulationJobStore store, SimulationEngine engine, UnitCatalog units, int threads) {
    this.store = Objects.requireNonNull(store, "store");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.runner = new PopulationRunner(engine, units, threads);
  }

  @Override
  public boolean claims(JobId job) {
    return store.settings(job).isPresent();
  }

  @Override
  public ResultId run(Job running, StoredSimulation simulation, RunControl control) {
    PopulationJobSettings settings = store.settings(running.id()).orElseThrow();
    LoadedModel model = engine.load(simulation.spec().model());
    Population population = store.population(running.id(), model);
    runner.run(new PopulationRunRequest(model, simulation.spec(), population, store.resultsDirectory(running.id()),
        settings.pkOptions(), settings.percentiles()), control);
    return ResultId.random();
  }
}
