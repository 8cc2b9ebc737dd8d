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
import java.util.HashMap;
import java.util.Set;
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
    return results(plan, execute(plan, Set.of(), control));
  }

  /**
   * Runs the plan and also computes the time-course sensitivities of {@code timeCourseOutputs}:
   * at every output time t, S(t) = (1/N)·Σ_v [(Y_v(t) − Y_0(t))/(P_v − P0)]·(P0/Y_0(t)), the
   * formula of the PK sensitivities applied to the float32 values OSP stores, with the same
   * rules (0 below 1e-4, NaN where Y_0(t) is 0 or not finite).
   *
   * @param timeCourseOutputs outputs of the plan whose time courses are kept (each costs one
   *     series per run in memory)
   * @throws IllegalArgumentException if an output is not one of the plan's
   */
  public TimeCourseAnalysis runWithTimeCourses(SensitivityPlan plan, List<String> timeCourseOutputs,
      RunControl control) {
    for (String o : timeCourseOutputs) {
      if (!plan.outputs().contains(o)) {
        throw new IllegalArgumentException("'" + o + "' is not an output of the analysis " + plan.outputs());
      }
    }
    List<RunOutcome> outcomes = execute(plan, Set.copyOf(timeCourseOutputs), control);
    List<TimeCourseSensitivity> courses = new ArrayList<>();
    RunOutcome unperturbed = outcomes.get(0);
    for (String output : timeCourseOutputs) {
      double[] y0 = unperturbed.series().get(output);
      int run = 1;
      for (SensitivityParameter p : plan.parameters()) {
        double[] values = p.variations();
        double[] s = new double[y0.length];
        double[] ys = new double[values.length];
        for (int t = 0; t < y0.length; t++) {
          for (int v = 0; v < values.length; v++) {
            double[] series = outcomes.get(run + v).series().get(output);
            if (series.length != y0.length) {
              throw new InternalErrorException("the runs of a sensitivity analysis produced different output times");
            }
            ys[v] = series[t];
          }
          s[t] = SensitivityFormula.sensitivity(p.baselineValue(), y0[t], values, ys);
        }
        run += values.length;
        courses.add(new TimeCourseSensitivity(output, p.displayName(), p.path(), unperturbed.times(), s));
      }
    }
    return new TimeCourseAnalysis(results(plan, outcomes), courses);
  }

  /** Local sensitivities with time courses. */
  public record TimeCourseAnalysis(SensitivityResults results, List<TimeCourseSensitivity> timeCourses) {
    public TimeCourseAnalysis {
      Objects.requireNonNull(results, "results");
      timeCourses = List.copyOf(timeCourses);
    }
  }

  /** What one run leaves: PK per output, and the float32 series of the kept outputs. */
  private record RunOutcome(Map<String, PkAnalysis> pk, double[] times, Map<String, double[]> series) {}

  private List<RunOutcome> execute(SensitivityPlan plan, Set<String> keep, RunControl control) {
    List<SimulationSpec> specs = new ArrayList<>();
    specs.add(plan.baseline());
    for (SensitivityParameter p : plan.parameters()) {
      for (double v : p.variations()) {
        specs.add(plan.baseline().withOverride(new ParameterOverride(p.path(), v)));
      }
    }
    return runAll(specs, keep, control);
  }

  private SensitivityResults results(SensitivityPlan plan, List<RunOutcome> outcomes) {
    List<Map<String, PkAnalysis>> pk = outcomes.stream().map(RunOutcome::pk).toList();

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
    return new SensitivityResults(entries, paths, outcomes.size());
  }

  private List<RunOutcome> runAll(List<SimulationSpec> specs, Set<String> keep, RunControl control) {
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
      List<Future<RunOutcome>> futures = new ArrayList<>();
      for (SimulationSpec spec : specs) {
        futures.add(pool.submit(() -> {
          try {
            RunOutcome out = analyse(engine.run(spec, perRun), keep);
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
      List<RunOutcome> out = new ArrayList<>();
      RuntimeException first = null;
      for (Future<RunOutcome> f : futures) {
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

  private RunOutcome analyse(SimulationResult result, Set<String> keep) {
    Map<String, PkAnalysis> out = new LinkedHashMap<>();
    Map<String, double[]> kept = new HashMap<>();
    for (TimeSeries s : result.series()) {
      out.put(s.path(), calculator.calculate(result.times(), s, pkOptions));
      if (keep.contains(s.path())) {
        // OSP computes output sensitivities from the values it stores, which are float32.
        double[] values = s.values().clone();
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) values[i];
        }
        kept.put(s.path(), values);
      }
    }
    return new RunOutcome(out, result.times(), kept);
  }

  private static RunOutcome await(Future<RunOutcome> f) {
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
