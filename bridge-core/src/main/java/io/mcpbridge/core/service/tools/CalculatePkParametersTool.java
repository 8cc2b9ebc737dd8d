package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InteropException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.ApplicationInfusion;
import io.mcpbridge.core.pk.DosingInterval;
import io.mcpbridge.core.pk.LambdaZSelection;
import io.mcpbridge.core.pk.LambdaZWindow;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.service.Simulations;
import io.mcpbridge.core.service.Tool;
import io.mcpbridge.core.port.ToolContext;
import io.mcpbridge.core.port.ToolDescriptor;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code calculate_pk_parameters}: OSP's standard PK parameters (exact names and definitions) for
 * the series of a stored result, or for a series given inline.
 */
public final class CalculatePkParametersTool implements Tool<CalculatePkParametersTool.Input, CalculatePkParametersTool.Output> {

  /** Input of calculate_pk_parameters. */
  public record Input(
      @Description("Results id of a finished run; or give times and values instead.") Optional<String> resultsId,
      @Description("Only this quantity path of the result; default every series.") Optional<String> outputPath,
      @Description("Inline series: times in minutes (with values).") Optional<double[]> times,
      @Description("Inline series: values (with times), in valueUnit.") Optional<double[]> values,
      @Description("Unit of inline values; default µmol/l.") Optional<String> valueUnit,
      @Description("Total drug mass per body weight in µmol/kg; enables CL, Vss, Vd and the _norm values.") Optional<Double> dosePerBodyWeight,
      @Description("Infusion time in minutes (single dosing): MRT is corrected by half of it. Default for a stored result: "
          + "the infusion time of the model's application when it has exactly one (PK-Sim/MoBi layout), as OSP does.")
          Optional<Double> infusionTime,
      @Description("Dosing intervals for multiple dosing, in minutes, with their dose per body weight.") Optional<List<DosingInterval>> dosingIntervals,
      @Description("Terminal-phase rule for lambda_z: last-two-points (default; what PK-Sim and ospsuite output), "
          + "regression (least squares over the window; reproduces the values printed in OSP's PK-calculator specifications) "
          + "or nca (best fit as PKNCA/WinNonlin: last 3 or more positive points after t_max with the highest adjusted R²; "
          + "the chosen window is reported in terminalPhase).")
          Optional<String> terminalPhase) {}

  /** Output: {@code {path: {PK name: {value, unit, reason}}}} plus the dosing mode per path. */
  public record Output(
      Optional<String> resultsId,
      @Description("single or multiple dosing, per path.") Map<String, String> mode,
      @Description("Per quantity path, per OSP PK parameter name: value in base units (null with a reason when undefined).") Map<String, Map<String, Value>> parameters,
      @Description("With terminalPhase nca only: per quantity path, per half-life parameter (Thalf; Thalf_tDLast_tEnd "
          + "for multiple dosing), the terminal window its lambda_z comes from, or the reason there is none.")
          Optional<Map<String, Map<String, TerminalWindow>>> terminalPhase) {}

  /** One PK value. */
  public record Value(Double value, String unit, Optional<String> reason) {}

  /** The best-fit terminal window behind a half-life, or the reason there is none. */
  public record TerminalWindow(
      @Description("Number of samples in the log-linear regression.") Optional<Integer> points,
      @Description("Time of the first sample used, in minutes.") Double firstTime,
      @Description("Time of the last sample used, in minutes.") Double lastTime,
      @Description("Terminal rate constant lambda_z in 1/min.") Double lambdaZ,
      @Description("R² of ln(C) against t.") Double rSquared,
      @Description("Adjusted R²: 1 - (1 - R²)(n - 1)/(n - 2).") Double adjustedRSquared,
      @Description("(lastTime - firstTime) / Thalf: the number of half-lives the window covers.") Double span,
      @Description("Why no window was chosen.") Optional<String> reason) {

    static TerminalWindow of(LambdaZSelection selection) {
      if (selection.window().isEmpty()) {
        return new TerminalWindow(Optional.empty(), null, null, null, null, null, null,
            selection.reason().map(Enum::name));
      }
      LambdaZWindow w = selection.window().get();
      return new TerminalWindow(Optional.of(w.points()), w.firstTime(), w.lastTime(), w.lambdaZ(), w.rSquared(),
          w.adjustedRSquared(), w.span(), Optional.empty());
    }
  }

  private final JobRegistry registry;
  private final PkParameterCalculator calculator;
  private final UnitCatalog units;
  /** The models behind stored results, for OSP's options derived from the applications; may be null. */
  private final Simulations simulations;

  /** Without access to models: the infusion time is only what the caller gives. */
  public CalculatePkParametersTool(JobRegistry registry, UnitCatalog units) {
    this(registry, units, null);
  }

  /** With access to the models behind stored results (their applications give the default infusion time). */
  public CalculatePkParametersTool(JobRegistry registry, UnitCatalog units, Simulations simulations) {
    this.registry = registry;
    this.units = units;
    this.calculator = new PkParameterCalculator(units);
    this.simulations = simulations;
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("calculate_pk_parameters", "Calculate PK parameters",
        "Compute OSP's standard PK parameters (C_max, t_max, AUC_tEnd, AUC_inf, MRT, Thalf, CL, Vss, Vd, _norm and "
            + "per-interval variants) for a finished run or an inline series. Values in base units with units.",
        Role.VIEWER, false, true, false, true, false, Input.class, Output.class);
  }

  @Override
  public Output call(Input input, ToolContext context) {
    input.dosePerBodyWeight().filter(d -> !(d > 0 && Double.isFinite(d))).ifPresent(d -> {
      throw new InvalidInputException("dosePerBodyWeight must be a positive number (µmol/kg)");
    });
    input.infusionTime().filter(t -> !(t >= 0 && Double.isFinite(t))).ifPresent(t -> {
      throw new InvalidInputException("infusionTime must be a non-negative number of minutes");
    });
    input.times().ifPresent(CalculatePkParametersTool::requireAscendingFiniteTimes);
    PkOptions options = PkOptions.defaults()
        .withTerminalPhaseFit(input.terminalPhase().map(TerminalPhaseFit::fromWireName).orElse(TerminalPhaseFit.ospDefault()));
    if (input.dosePerBodyWeight().isPresent()) {
      options = options.withTotalDrugMassPerBodyWeight(input.dosePerBodyWeight().get());
    }
    if (input.infusionTime().isPresent()) {
      options = options.withInfusionTime(input.infusionTime().get());
    }
    if (input.dosingIntervals().isPresent()) {
      options = options.withDosingIntervals(input.dosingIntervals().get());
    }
    Map<String, String> modes = new LinkedHashMap<>();
    Map<String, Map<String, Value>> out = new LinkedHashMap<>();
    Map<String, Map<String, TerminalWindow>> windows = new LinkedHashMap<>();
    if (input.resultsId().isPresent()) {
      if (input.times().isPresent() || input.values().isPresent()) {
        throw new InvalidInputException("give either resultsId or an inline series (times and values), not both");
      }
      StoredResult stored = Results.find(registry, input.resultsId().get());
      SimulationResult r = stored.result();
      List<TimeSeries> series = new ArrayList<>();
      if (input.outputPath().isPresent()) {
        series.add(r.series(input.outputPath().get()).orElseThrow(() -> new NotFoundException(
            "result has no series " + input.outputPath().get())));
      } else {
        series.addAll(r.series());
      }
      // Engine results are float32 like OSP's; PK is computed from the same numbers OSP would see.
      PkOptions engineOptions = options.withFloat32Inputs(true);
      if (input.infusionTime().isEmpty() && input.dosingIntervals().isEmpty()) {
        engineOptions = modelInfusionTime(stored).map(engineOptions::withInfusionTime).orElse(engineOptions);
      }
      for (TimeSeries s : series) {
        put(s.path(), calculator.calculate(r.times(), s, engineOptions), modes, out, windows);
      }
    } else {
      double[] t = input.times().orElseThrow(() -> new InvalidInputException("give resultsId, or times and values"));
      double[] v = input.values().orElseThrow(() -> new InvalidInputException("values are required with times"));
      if (t.length != v.length) {
        throw new InvalidInputException("times and values must have the same length (" + t.length + " vs " + v.length + ")");
      }
      String unit = input.valueUnit().orElse("µmol/l");
      units.dimensionOfUnit(unit);
      put("inline", calculator.calculate(t, v, unit, options), modes, out, windows);
    }
    boolean bestFit = options.terminalPhaseFit() == TerminalPhaseFit.BEST_FIT;
    return new Output(input.resultsId(), modes, out, bestFit ? Optional.of(windows) : Optional.empty());
  }

  /**
   * The infusion time of the only application of the model behind a stored result (after the
   * simulation's overrides); empty without model access, or when the simulation or its model is
   * no longer available — then MRT is reported without the correction, as for a bolus.
   */
  private Optional<Double> modelInfusionTime(StoredResult stored) {
    if (simulations == null) {
      return Optional.empty();
    }
    try {
      StoredSimulation simulation = simulations.get(stored.simulationId().value(), Optional.of(stored.revision()));
      return ApplicationInfusion.of(simulations.model(simulation).quantities(), q -> simulations.valueOf(simulation, q));
    } catch (NotFoundException | InteropException | InvalidInputException unavailable) {
      return Optional.empty();
    }
  }

  private static void requireAscendingFiniteTimes(double[] times) {
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || i > 0 && times[i] < times[i - 1]) {
        throw new InvalidInputException("times must be finite and non-decreasing (index " + i + ")");
      }
    }
  }

  private static void put(String path, PkAnalysis analysis, Map<String, String> modes, Map<String, Map<String, Value>> out,
      Map<String, Map<String, TerminalWindow>> windows) {
    modes.put(path, analysis.mode().name().toLowerCase(java.util.Locale.ROOT));
    Map<String, Value> values = new LinkedHashMap<>();
    for (PkParameterValue p : analysis.parameters()) {
      values.put(p.name(), new Value(p.value(), p.unit(), p.reason().map(Enum::name)));
    }
    out.put(path, values);
    if (!analysis.terminalPhases().isEmpty()) {
      Map<String, TerminalWindow> byHalfLife = new LinkedHashMap<>();
      analysis.terminalPhases().forEach((name, selection) -> byHalfLife.put(name, TerminalWindow.of(selection)));
      windows.put(path, byHalfLife);
    }
  }
}
