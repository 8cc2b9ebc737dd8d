package io.mcpbridge.core.population;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.error.TimeoutException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.core.units.UnitCatalog;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every individual of a population through the {@link SimulationEngine}, in parallel on a
 * fixed number of threads, and streams the results to files ({@link PopulationFiles}).
 *
 * <ul>
 *   <li>Each individual runs the base spec with its own values appended as overrides, at OSP's
 *       32-bit result precision.
 *   <li>An individual whose run fails with a bridge error (solver failure, invalid value) is
 *       recorded with its id and reason in {@code failures.csv}; the others complete.
 *   <li>Cancellation and the deadline of the caller's {@link RunControl} stop the whole run (checked
 *       between individuals and inside each solver loop); the part files are then deleted and the
 *       {@link RunCancelledException} or {@link TimeoutException} propagates.
 *   <li>Progress is reported to the control's listener as (individuals written, individuals).
 *   <li>At most {@code 4 × threads} individuals are in flight or waiting to be written in order, so
 *       memory does not grow with the population beyond the statistics' float columns.
 * </ul>
 */
public final class PopulationRunner {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final SimulationEngine engine;
  private final UnitCatalog units;
  private final int threads;

  /**
   * @param engine simulates one individual
   * @param units base units of the file headers and PK analyses
   * @param threads individuals simulated concurrently (JOB_WORKER_THREADS)
   */
  public PopulationRunner(SimulationEngine engine, UnitCatalog units, int threads) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.units = Objects.requireNonNull(units, "units");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
  }

  /**
   * Runs the population.
   *
   * @throws InvalidInputException if a population path or an output is not a quantity of the model
   *     (before anything runs or is written)
   * @throws RunCancelledException if cancelled through {@code control}
   * @throws TimeoutException if the deadline of {@code control} passed
   * @throws BackendUnavailableException if the files cannot be written
   */
  public PopulationRunSummary run(PopulationRunRequest request, RunControl control) {
    long started = System.nanoTime();
    Plan plan = plan(request.model(), request.base(), request.population());
    SimulationSpec base = plan.base();
    List<String> outputs = plan.outputs();
    List<String> dimensions = plan.dimensions();
    int n = request.population().size();
    RunControl quiet = new RunControl(control.cancellationRequested(), control.deadline(), ProgressListener.NONE,
        control.clock());
    int windowSize = 4 * threads;
    Semaphore window = new Semaphore(windowSize);
    AtomicInteger written = new AtomicInteger();
    AtomicReference<RuntimeException> abort = new AtomicReference<>();
    PopulationOutputs files;
    try {
      files = PopulationOutputs.open(request, units, outputs, dimensions, () -> {
        window.release();
        control.progress().onProgress(written.incrementAndGet(), n);
      });
    } catch (UncheckedIOException e) {
      throw new BackendUnavailableException("cannot write population results to " + request.directory()
          + " (" + e.getCause().getMessage() + ")", e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      for (int i = 0; i < n; i++) {
        stopIfRequested(quiet, written.get(), n);
        acquire(window, 1, quiet, abort, written, n);
        int index = i;
        pool.execute(() -> runOne(base, request.population(), index, quiet, files, abort));
      }
      acquire(window, windowSize, quiet, abort, written, n);
      files.finish();
    } catch (RuntimeException e) {
      pool.shutdownNow();
      awaitQuietly(pool);
      files.discard();
      if (e instanceof UncheckedIOException io) {
        throw new BackendUnavailableException("cannot write population results to " + request.directory()
            + " (" + io.getCause().getMessage() + ")", io);
      }
      throw e;
    } finally {
      pool.shutdownNow();
    }
    return new PopulationRunSummary(n, files.succeeded(), files.failures(), request.directory(), PopulationFiles.ALL,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * What every individual of a population runs: the base spec reporting the chosen outputs (the
   * model's own if none are chosen) at OSP's 32-bit precision, with the outputs' dimensions.
   *
   * @param base the spec reporting {@code outputs} at 32-bit precision
   * @param outputs reported quantity paths, in the order of the results' series
   * @param dimensions their dimensions
   */
  public record Plan(SimulationSpec base, List<String> outputs, List<String> dimensions) {
    public Plan {
      outputs = List.copyOf(outputs);
      dimensions = List.copyOf(dimensions);
    }
  }

  /**
   * Checks a population against its model and plans the runs of its individuals.
   *
   * @throws InvalidInputException if a population path or an output is not a quantity of the model
   */
  public static Plan plan(LoadedModel model, SimulationSpec spec, Population population) {
    Map<String, QuantityInfo> quantities = new HashMap<>();
    model.quantities().forEach(q -> quantities.put(q.path(), q));
    List<String> unknown = population.parameterPaths().stream().filter(p -> !quantities.containsKey(p)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidInputException("The population varies paths that are not quantities of "
          + model.name() + ": " + String.join(", ", unknown));
    }
    List<String> outputs = spec.outputs().isEmpty() ? model.outputPaths() : spec.outputs();
    if (outputs.isEmpty()) {
      throw new InvalidInputException(model.name() + " selects no outputs; choose some to run a population");
    }
    List<String> dimensions = new ArrayList<>();
    for (String o : outputs) {
      QuantityInfo q = quantities.get(o);
      if (q == null) {
        throw new InvalidInputException("Output '" + o + "' is not a quantity of " + model.name());
      }
      dimensions.add(q.dimension());
    }
    return new Plan(spec.withOutputs(outputs).withPrecision(ResultPrecision.FLOAT32), outputs, dimensions);
  }

  private void runOne(SimulationSpec base, Population population, int index, RunControl control,
      PopulationOutputs files, AtomicReference<RuntimeException> abort) {
    if (abort.get() != null) {
      return;
    }
    int id = population.individuals().get(index).id();
    PopulationOutputs.Outcome outcome;
    try {
      List<ParameterOverride> overrides = new ArrayList<>(base.overrides());
      overrides.addAll(population.overridesOf(index));
      SimulationSpec spec = new SimulationSpec(base.model(), overrides, base.outputs(), base.outputIntervals(),
          base.solver(), base.precision());
      SimulationResult result = engine.run(spec, control);
      outcome = new PopulationOutputs.Outcome(result, null);
    } catch (RunCancelledException | TimeoutException e) {
      abort.compareAndSet(null, e);
      return;
    } catch (BridgeException e) {
      outcome = new PopulationOutputs.Outcome(null, new IndividualFailure(id, e.getMessage()));
    } catch (RuntimeException e) {
      abort.compareAndSet(null, e);
      return;
    }
    try {
      files.accept(index, outcome);
    } catch (RuntimeException e) {
      abort.compareAndSet(null, e);
    }
  }

  /** Takes permits, checking every 20 ms for cancellation, the deadline and an aborted individual. */
  private static void acquire(Semaphore window, int permits, RunControl control,
      AtomicReference<RuntimeException> abort, AtomicInteger written, int n) {
    try {
      while (!window.tryAcquire(permits, 20, TimeUnit.MILLISECONDS)) {
        rethrow(abort);
        stopIfRequested(control, written.get(), n);
      }
      rethrow(abort);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunCancelledException("population run interrupted");
    }
  }

  private static void stopIfRequested(RunControl control, int done, int n) {
    if (control.cancellationRequested().getAsBoolean()) {
      throw new RunCancelledException("population run cancelled after " + done + " of " + n + " individuals");
    }
    if (control.deadline().isPresent() && control.clock().instant().isAfter(control.deadline().get())) {
      throw new TimeoutException("population run exceeded its deadline after " + done + " of " + n + " individuals");
    }
  }

  private static void rethrow(AtomicReference<RuntimeException> abort) {
    RuntimeException e = abort.get();
    if (e != null) {
      throw e;
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "population-" + pool + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
