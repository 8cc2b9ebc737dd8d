package io.mcpbridge.core.population;

import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs one chunk of a population on a worker: each individual of a {@link PopulationSlice} is the
 * base spec with its values appended as overrides, at 32-bit precision, one after the other (a
 * worker runs several chunks at once to use its cores). The engine keeps the compiled model, so
 * only the overridden values change between individuals. An individual whose run fails with a
 * bridge error is recorded with its id and reason; cancellation and the deadline stop the chunk.
 * Progress is (individuals done, individuals in the chunk). Thread-safe.
 */
public final class PopulationChunkRunner {
  private final SimulationEngine engine;

  public PopulationChunkRunner(SimulationEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Runs the slice.
   *
   * @param base the spec every individual starts from, reporting the population's outputs
   * @throws RunCancelledException if cancelled through {@code control}
   * @throws TimeoutException if the deadline of {@code control} passed
   */
  public PopulationChunkResult run(SimulationSpec base, PopulationSlice slice, RunControl control) {
    SimulationSpec spec32 = base.withPrecision(ResultPrecision.FLOAT32);
    RunControl quiet = new RunControl(control.cancellationRequested(), control.deadline(), ProgressListener.NONE,
        control.clock());
    List<PopulationChunkResult.Individual> individuals = new ArrayList<>(slice.size());
    List<String> dimensions = null;
    for (int k = 0; k < slice.size(); k++) {
      int position = slice.first() + k;
      int id = slice.ids()[k];
      quiet.checkpoint(0, 1);
      try {
        List<ParameterOverride> overrides = new ArrayList<>(spec32.overrides());
        overrides.addAll(slice.overridesOf(k));
        SimulationResult result = engine.run(new SimulationSpec(spec32.model(), overrides, spec32.outputs(),
            spec32.outputIntervals(), spec32.solver(), spec32.precision()), quiet);
        if (dimensions == null) {
          dimensions = result.series().stream().map(TimeSeries::dimension).toList();
        }
        individuals.add(PopulationChunkResult.Individual.succeeded(position, id, result));
      } catch (RunCancelledException | TimeoutException e) {
        throw e;
      } catch (BridgeException e) {
        individuals.add(PopulationChunkResult.Individual.failed(position, id, e.getMessage()));
      }
      control.progress().onProgress(k + 1, slice.size());
    }
    if (dimensions == null) {
      dimensions = spec32.outputs().stream().map(o -> "").toList();
    }
    return new PopulationChunkResult(spec32.outputs(), dimensions, individuals);
  }
}
