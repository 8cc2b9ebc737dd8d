package io.mcpbridge.core.sensitivity.global;

import io.mcpbridge.core.error.InvalidInputException;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link GlobalAnalysisPlan} through the {@link SimulationEngine} (which keeps the compiled
 * model, so a sample costs one run, not a model load): one unperturbed run first (it fixes which
 * PK parameters there are and checks the chosen times lie within the simulated window), then the
 * design, evaluated in parallel by a {@link ResponseEvaluator}, each run giving every response at
 * once. Indices are computed per response from the same evaluations.
 *
 * <p>The same plan gives the same rows whatever the parallelism: the design comes from the seed,
 * each evaluation lands in its own slot, and the bootstrap is seeded too. Progress is reported as
 * evaluations done out of the design's; cancellation and the deadline stop the analysis between
 * evaluations and inside runs.
 */
public final class GlobalSensitivityAnalysis {
  private final SimulationEngine engine;
  private final PkParameterCalculator calculator;
  private final int parallelism;

  /**
   * @param engine the engine the runs go through
   * @param calculator the PK calculator
   * @param parallelism simulations at the same time, ≥ 1
   */
  public GlobalSensitivityAnalysis(SimulationEngine engine, PkParameterCalculator calculator, int parallelism) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  /**
   * Runs the plan.
   *
   * @throws InvalidInputException if a chosen time lies outside the simulated window
   */
  public GlobalSensitivityResults run(GlobalAnalysisPlan plan, RunControl control) {
    GlobalSensitivityJobRequest request = plan.request();
    PkOptions pk = PkOptions.defaults().withTerminalPhaseFit(request.terminalPhase());
    RunControl perRun = new RunControl(control.cancellationRequested(), control.deadline(), ProgressListener.NONE,
        control.clock());
    SimulationResult unperturbed = engine.run(plan.baseline(), perRun);
    List<GlobalResponse> responses = resolve(plan, unperturbed, pk);

    GlobalSensitivityPlanner planner = new GlobalSensitivityPlanner(request.parameters());
    List<String> paths = request.parameters().stream().map(GlobalParameter::name).toList();
    boolean sobol = request.method() == GlobalMethod.SOBOL;
    SobolSettings sobolSettings = sobol
        ? new SobolSettings(request.samples(), request.bootstrapResamples(), request.confidence(), request.seed())
        : null;
    MorrisSettings morrisSettings = sobol ? null : new MorrisSettings(request.samples(), request.levels(), request.seed());
    double[][] samples = sobol ? planner.sobolSamples(sobolSettings) : planner.morrisSamples(morrisSettings);

    double[][] values = ResponseEvaluator.withThreads(parallelism).evaluateEach(samples, vector -> {
      SimulationSpec spec = plan.baseline();
      for (int i = 0; i < vector.length; i++) {
        spec = spec.withOverride(new ParameterOverride(paths.get(i), vector[i]));
      }
      return responses(engine.run(spec, perRun), responses, pk);
    }, control);

    List<GlobalSensitivityRow> rows = new ArrayList<>();
    for (int r = 0; r < responses.size(); r++) {
      GlobalResponse response = responses.get(r);
      double[] column = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        column[i] = values[i][r];
      }
      String state = stateOf(column);
      if (!state.equals(GlobalSensitivityRow.SUCCESS)) {
        for (String path : paths) {
          rows.add(GlobalSensitivityRow.failed(response.outputPath(), response.label(), path, state));
        }
      } else if (sobol) {
        for (SobolIndex index : planner.sobolFrom(sobolSettings, column).indices()) {
          rows.add(GlobalSensitivityRow.sobol(response.outputPath(), response.label(), index));
        }
      } else {
        for (MorrisEffect effect : planner.morrisFrom(morrisSettings, column).effects()) {
          rows.add(GlobalSensitivityRow.morris(response.outputPath(), response.label(), effect));
        }
      }
    }
    return new GlobalSensitivityResults(request.method(), rows, samples.length);
  }

  /** The plan's responses, with "every PK parameter" made concrete from the unperturbed run. */
  private List<GlobalResponse> resolve(GlobalAnalysisPlan plan, SimulationResult unperturbed, PkOptions pk) {
    double[] times = unperturbed.times();
    for (double t : plan.request().times()) {
      if (times.length == 0 || t < times[0] || t > times[times.length - 1]) {
        throw new InvalidInputException("time " + t + " min lies outside the simulated window ["
            + (times.length == 0 ? "none" : times[0] + ", " + times[times.length - 1]) + "] min");
      }
    }
    if (!plan.allPkParameters()) {
      return plan.responses();
    }
    List<GlobalResponse> out = new ArrayList<>();
    for (String output : plan.outputs()) {
      TimeSeries series = unperturbed.series(output).orElseThrow(
          () -> new InvalidInputException("the simulation produced no values of output " + output));
      for (PkParameterValue p : calculator.calculate(times, series, pk).parameters()) {
        out.add(GlobalResponse.pk(output, p.name()));
      }
    }
    return out;
  }

  private double[] responses(SimulationResult result, List<GlobalResponse> responses, PkOptions pk) {
    Map<String, PkAnalysis> analyses = new HashMap<>();
    double[] out = new double[responses.size()];
    for (int r = 0; r < out.length; r++) {
      GlobalResponse response = responses.get(r);
      TimeSeries series = result.series(response.outputPath()).orElse(null);
      if (series == null) {
        out[r] = Double.NaN;
      } else if (response.pkParameter() != null) {
        PkAnalysis analysis = analyses.computeIfAbsent(response.outputPath(),
            path -> calculator.calculate(result.times(), series, pk));
        out[r] = analysis.value(response.pkParameter()).orElse(Double.NaN);
      } else {
        out[r] = interpolate(result.times(), series.values(), response.time());
      }
    }
    return out;
  }

  /** The value at {@code t}, linear between the neighbouring output times. */
  static double interpolate(double[] times, double[] values, double t) {
    if (times.length == 0 || t < times[0] || t > times[times.length - 1]) {
      return Double.NaN;
    }
    int hi = java.util.Arrays.binarySearch(times, t);
    if (hi >= 0) {
      return values[hi];
    }
    hi = -hi - 1;
    int lo = hi - 1;
    double w = (t - times[lo]) / (times[hi] - times[lo]);
    return values[lo] + w * (values[hi] - values[lo]);
  }

  private static String stateOf(double[] column) {
    for (double v : column) {
      if (!Double.isFinite(v)) {
        return GlobalSensitivityRow.NOT_FINITE;
      }
    }
    for (double v : column) {
      if (v != column[0]) {
        return GlobalSensitivityRow.SUCCESS;
      }
    }
    return GlobalSensitivityRow.CONSTANT;
  }
}
