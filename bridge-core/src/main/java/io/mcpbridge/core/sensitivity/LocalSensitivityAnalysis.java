package io.mcpbridge.core.sensitivity;

import io.mcpbridge.core.error.BridgeException;
import io.mcpbridge.core.error.InternalErrorException;
import io.mcpbridge.core.error.RunCancelledException;
import io.mcpbridge.core.model.ParameterOverride;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.SimulationSpec;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.port.ProgressListener;
import io.mcpbridge.core.port.RunControl;
import io.mcpbridge.core.port.SimulationEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link SensitivityPlan}: the unperturbed simulation and 2n varied ones per parameter,
 * in parallel through the {@link SimulationEngine} (which keeps the compiled model), then OSP's PK
 * parameters of every output of every run (from the float32 values OSP stores) and the
 * sensitivities by {@link SensitivityFormula}.
 *
 * <p>Progress is reported as (finished runs, total runs). Cancellation and the deadline of the
 * {@link RunControl} apply to every run; the first failure stops the analysis and is rethrown.
 */
public final class LocalSensitivityAnalysis {
  private final SimulationEngine engine;
  private final PkParameterCalculator calculator;
  private final PkOptions pkOptions;
  private final int parallelism;

  /**
   * @param engine the engine the runs go through
   * @param calculator OSP's PK calculator
   * @param pkOptions PK options (the default terminal phase is OSP's); results are rounded to
   *     float32 as OSP stores them
   * @param parallelism simulations run at the same time, ≥ 1
   */
  public LocalSensitivityAnalysis(SimulationEngine engine, PkParameterCalculator calculator, PkOptions pkOptions,
      int parallelism) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    this.pkOptions = Objects.requireNonNull(pkOptions, "pkOptions").withFloat32Inputs(true);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  /** Runs the plan. */
  public SensitivityResults run(SensitivityPlan plan, RunControl control) {
    List<SimulationSpec> specs = new ArrayList<>();
    specs.add(plan.baseline());
    for (SensitivityParameter p : plan.parameters()) {
      for (double v : p.variations()) {
        specs.add(plan.baseline().withOverride(new ParameterOverride(p.path(), v)));
      }
    }
    List<Map<String, PkAnalysis>> pk = runAll(specs, control);

    Map<String, PkAnalysis> unperturbed = pk.get(0);
    List<PkSensitivity> entries = new ArrayList<>();
    for (String output : plan.outputs()) {
      PkAnalysis base = unperturbed.get(output);
      for (PkParameterValue name : base.parameters()) {
        String pkName = name.name();
        if (!plan.pkParameters().isEmpty() && !plan.pkParameters().contains(pkName)) {
          continue;
        }
        double pk0 = base.ospValue(pkName);
        int run = 1;
        for (SensitivityParameter p : plan.parameters()) {
          double[] values = p.variations();
          double[] pks = new double[values.length];
          for (int v = 0; v < values.length; v++) {
            pks[v] = pk.get(run + v).get(output).ospValue(pkName);
          }
          run += values.length;
          boolean usable = SensitivityFormula.usableDefault(pk0);
          entries.add(new PkSensitivity(output, p.displayName(), p.path(), pkName,
              SensitivityFormula.sensitivity(p.baselineValue(), pk0, values, pks),
              usable ? SensitivityState.SUCCESS : SensitivityState.FAILED_TO_CALCULATE_DEFAULT_PK_VALUE));
        }
      }
    }
    List<String> paths = plan.parameters().stream().map(SensitivityParameter::path).toList();
    return new SensitivityResults(entries, paths, specs.size());
  }

  private List<Map<String, PkAnalysis>> runAll(List<SimulationSpec> specs, RunControl control) {
    int total = specs.size();
    AtomicInteger finished = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    RunControl perRun = new RunControl(() -> failed.get() || control.cancellationRequested().getAsBoolean(),
        control.deadline(), ProgressListener.NONE, control.clock());
    control.checkpoint(0, total);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, total), runnable -> {
      Thread t = new Thread(runnable, "sensitivity-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Map<String, PkAnalysis>>> futures = new ArrayList<>();
      for (SimulationSpec spec : specs) {
        futures.add(pool.submit(() -> {
          try {
            Map<String, PkAnalysis> out = analyse(engine.run(spec, perRun));
            synchronized (finished) { // listeners need not be thread-safe
              control.progress().onProgress(finished.incrementAndGet(), total);
            }
            return out;
          } catch (RuntimeException e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      List<Map<String, PkAnalysis>> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<Map<String, PkAnalysis>> f : futures) {
        try {
          out.add(await(f));
        } catch (RuntimeException e) {
          // Runs stopped because another failed report a cancellation; the other failure is the cause.
          if (first == null || first instanceof RunCancelledException && !(e instanceof RunCancelledException)) {
            first = e;
          }
        }
      }
      if (first != null) {
        throw first;
      }
      control.checkpoint(total, total);
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, PkAnalysis> analyse(SimulationResult result) {
    Map<String, PkAnalysis> out = new LinkedHashMap<>();
    for (TimeSeries s : result.series()) {
      out.put(s.path(), calculator.calculate(result.times(), s, pkOptions));
    }
    return out;
  }

  private static Map<String, PkAnalysis> await(Future<Map<String, PkAnalysis>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunCancelledException("sensitivity analysis interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BridgeException b) {
        throw b;
      }
      throw new InternalErrorException("a sensitivity run failed: " + cause, cause);
    }
  }
}
