package io.mcpbridge.engine.pkml;

import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InteropException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.LoadedModel;
import io.mcpbridge.core.model.ModelRef;
import io.mcpbridge.core.model.Sha256;
import io.mcpbridge.core.model.OutputInterval;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.ResultPrecision;
import io.mcpbridge.core.model.RunStatistics;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.SolverSettings;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import io.mcpbridge.engine.pkml.assembly.ExpressionCompiler;
import io.mcpbridge.engine.pkml.assembly.FormulaExpressionCompiler;
import io.mcpbridge.engine.pkml.assembly.ModelCompiler;
import io.mcpbridge.engine.pkml.assembly.OutputGrid;
import io.mcpbridge.engine.pkml.assembly.PkmlModel;
import io.mcpbridge.engine.pkml.assembly.RunOutcome;
import io.mcpbridge.engine.pkml.assembly.SimulationFailure;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.solver.SolverException;
import io.mcpbridge.engine.pkml.solver.StepMonitor;
import io.mcpbridge.engine.pkml.xml.SimulationFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Loads and simulates OSP {@code .pkml} files and SimModel XML files (the kernel's input format)
 * natively on the JVM; both are read into the same model and share assembly and solver. Thread-safe: parsed models are
 * immutable and cached by content hash; every run works on its own state.
 */
public final class PkmlSimulationEngine implements SimulationEngine {
  /** A model file must be unchanged this long before one {@code stat} stands in for re-hashing it. */
  private static final long SETTLE_MILLIS = 2_000;
  private final PkmlEngineSettings settings;
  private final ExpressionCompiler expressions;
  private final Map<String, PkmlModel> cache;
  private final VerifiedFiles verifiedFiles;
  private final AtomicLong fileReads = new AtomicLong();

  /**
   * An engine with OSP's formula language ({@link FormulaExpressionCompiler}).
   *
   * @param settings file-size and cache limits
   */
  public PkmlSimulationEngine(PkmlEngineSettings settings) {
    this(settings, new FormulaExpressionCompiler());
  }

  /**
   * @param settings file-size and cache limits
   * @param expressions the formula parser
   */
  public PkmlSimulationEngine(PkmlEngineSettings settings, ExpressionCompiler expressions) {
    this(settings, expressions, System::currentTimeMillis);
  }

  /** With a given clock for deciding when a model file has settled ({@link VerifiedFiles}). */
  PkmlSimulationEngine(PkmlEngineSettings settings, ExpressionCompiler expressions,
      LongSupplier clock) {
    this.verifiedFiles = new VerifiedFiles(SETTLE_MILLIS, clock);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.expressions = Objects.requireNonNull(expressions, "expressions");
    int limit = settings.cachedModels();
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PkmlModel> eldest) {
        return size() > limit;
      }
    };
  }

  @Override
  public LoadedModel load(ModelRef ref) {
    PkmlModel model = model(ref);
    return new LoadedModel(ref, model.name(), model.quantities(), model.outputPaths(), model.outputIntervals(),
        model.solverSettings());
  }

  @Override
  public java.util.Set<String> parametersInUse(ModelRef ref) {
    return model(ref).parametersInUse();
  }

  @Override
  public List<io.mcpbridge.core.model.QuantityInfo> quantities(SimulationSpec spec) {
    PkmlModel model = model(spec.model());
    Map<Integer, Double> overrides = overrides(model, spec);
    try {
      return model.quantities(overrides);
    } catch (ModelDefinitionException e) {
      throw new InvalidInputException(spec.model().path().getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** The spec's overrides by slot, a later one for the same quantity winning. */
  private static Map<Integer, Double> overrides(PkmlModel model, SimulationSpec spec) {
    String file = spec.model().path().getFileName().toString();
    Map<Integer, Double> overrides = new LinkedHashMap<>();
    for (ParameterOverride o : spec.overrides()) {
      int slot = model.slotOf(o.path()).orElseThrow(() -> new InvalidInputException(
          file + ": override of unknown quantity '" + o.path() + "'"));
      overrides.remove(slot);
      overrides.put(slot, o.value());
    }
    return overrides;
  }

  @Override
  public SimulationResult run(SimulationSpec spec, RunControl control) {
    long started = System.nanoTime();
    PkmlModel model = model(spec.model());
    String file = spec.model().path().getFileName().toString();

    Map<Integer, Double> overrides = overrides(model, spec);
    List<String> paths = spec.outputs().isEmpty() ? model.outputPaths() : spec.outputs();
    int[] outputSlots = new int[paths.size()];
    for (int i = 0; i < outputSlots.length; i++) {
      String p = paths.get(i);
      outputSlots[i] = model.slotOf(p).orElseThrow(() -> new InvalidInputException(
          file + ": output '" + p + "' is not a quantity of the model"));
    }
    List<OutputInterval> intervals = spec.outputIntervals().isEmpty() ? model.outputIntervals() : spec.outputIntervals();
    double[] times = OutputGrid.times(intervals);
    SolverSettings solver = spec.solver().orElse(model.solverSettings());
    double end = times[times.length - 1];
    StepMonitor monitor = t -> control.checkpoint(t, end);

    RunOutcome outcome;
    try {
      control.checkpoint(0, end);
      outcome = model.run(overrides, outputSlots, times, solver, monitor);
    } catch (SolverException e) {
      throw new InteropException(file + ": the solver failed: " + e.getMessage(), e);
    } catch (SimulationFailure e) {
      throw new InteropException(file + ": " + e.getMessage(), e);
    } catch (ModelDefinitionException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }

    boolean single = spec.precision() == ResultPrecision.FLOAT32;
    double[] resultTimes = single ? toFloat(outcome.times()) : outcome.times();
    List<TimeSeries> series = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      double[] v = outcome.values()[i];
      series.add(new TimeSeries(paths.get(i), model.dimensionOf(outputSlots[i]), single ? toFloat(v) : v));
    }
    var s = outcome.statistics();
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    RunStatistics statistics = s == null ? new RunStatistics(0, 0, 0, 0, 0, wall)
        : new RunStatistics(s.steps(), s.rhsEvaluations(), s.jacobianEvaluations(), s.errorTestFailures(),
            s.convergenceFailures(), wall);
    return new SimulationResult(spec.model(), resultTimes, series, statistics);
  }

  private static double[] toFloat(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /**
   * The compiled model for exactly these bytes. The file is read and hashed unless it was verified
   * before and its size, times and identity are unchanged since ({@link VerifiedFiles}); repeated
   * runs of one model (populations, sensitivity analyses) then cost one {@code stat} here.
   */
  private PkmlModel model(ModelRef ref) {
    Path path = ref.path();
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    VerifiedFiles.Stamp before;
    try {
      before = VerifiedFiles.Stamp.of(path);
    } catch (IOException e) {
      throw new BackendUnavailableException(file + ": cannot read the model file (" + e.getClass().getSimpleName() + ")", e);
    }
    if (verifiedFiles.unchanged(path, ref.sha256(), before)) {
      synchronized (cache) {
        PkmlModel cached = cache.get(ref.sha256());
        if (cached != null) {
          return cached;
        }
      }
    }
    byte[] bytes = readLimited(path);
    fileReads.incrementAndGet();
    String hash = sha256(bytes);
    if (!hash.equals(ref.sha256())) {
      throw new InvalidInputException(file + ": the file changed on disk (its SHA-256 no longer matches)");
    }
    verifiedFiles.verified(path, hash, before);
    synchronized (cache) {
      PkmlModel cached = cache.get(hash);
      if (cached != null) {
        return cached;
      }
    }
    PkmlModel compiled;
    try {
      compiled = ModelCompiler.compile(SimulationFiles.read(bytes), expressions);
    } catch (ModelDefinitionException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }
    synchronized (cache) {
      cache.putIfAbsent(hash, compiled);
      return cache.get(hash);
    }
  }

  /** How many times a model file was read (and hashed) by this engine. */
  long modelFileReads() {
    return fileReads.get();
  }

  private byte[] readLimited(Path path) {
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    try {
      long size = Files.size(path);
      if (size > settings.maxFileBytes()) {
        throw new InvalidInputException(file + ": file is " + size + " bytes, more than the limit of "
            + settings.maxFileBytes());
      }
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
        if (bytes.length > settings.maxFileBytes()) {
          throw new InvalidInputException(file + ": file is larger than the limit of " + settings.maxFileBytes() + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new BackendUnavailableException(file + ": cannot read the model file (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Lowercase hex SHA-256. */
  static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

}
