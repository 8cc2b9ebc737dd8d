package io.mcpbridge.core.service.tools;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.error.NotFoundException;
import io.mcpbridge.core.model.Description;
import io.mcpbridge.core.model.Role;
import io.mcpbridge.core.model.SimulationResult;
import io.mcpbridge.core.model.StoredResult;
import io.mcpbridge.core.model.StoredSimulation;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.pk.ApplicationDosing;
import io.mcpbridge.core.pk.DosingInterval;
import io.mcpbridge.core.pk.LambdaZSelection;
import io.mcpbridge.core.pk.LambdaZWindow;
import io.mcpbridge.core.pk.PkAnalysis;
import io.mcpbridge.core.pk.PkOptions;
import io.mcpbridge.core.pk.PkParameterCalculator;
import io.mcpbridge.core.pk.PkParameterValue;
import io.mcpbridge.core.pk.StandardPkParameter;
import io.mcpbridge.core.pk.TerminalPhaseFit;
import io.mcpbridge.core.pk.UserDefinedPkParameter;
import io.mcpbridge.core.port.JobRegistry;
import io.mcpbridge.core.port.SimulationEngine;
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
 * the series of a stored result, or for a series given inline, plus user-defined parameters.
 *
 * <p>For a stored result the dosing comes from the simulation's applications as the run had them
 * ({@link ApplicationDosing}, read through {@link SimulationEngine#quantities}); explicit dosing
 * intervals, dose or infusion time in the call replace the derived ones.
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
          + "the infusion time of the simulation's application when it has exactly one, as OSP does.") Optional<Double> infusionTime,
      @Description("Dosing intervals in minutes with their dose per body weight (µmol/kg); two or more select multiple dosing. "
          + "For a resultsId they default to the simulation's applications (one interval per application start, the last "
          + "ending at the last sample).") Optional<List<DosingInterval>> dosingIntervals,
      @Description("Terminal-phase rule for lambda_z: last-two-points (default; what PK-Sim and ospsuite output), "
          + "regression (least squares over the window; reproduces the values printed in OSP's PK-calculator specifications) "
          + "or nca (best fit as PKNCA/WinNonlin: last 3 or more positive points after t_max with the highest adjusted R²; "
          + "the chosen window is reported in terminalPhase).")
          Optional<String> terminalPhase,
      @Description("User-defined PK parameters (ospsuite's addUserDefinedPKParameter), reported after the standard ones.")
          Optional<List<UserDefined>> userDefinedParameters) {

    /** The input without user-defined parameters. */
    public Input(Optional<String> resultsId, Optional<String> outputPath, Optional<double[]> times,
        Optional<double[]> values, Optional<String> valueUnit, Optional<Double> dosePerBodyWeight,
        Optional<Double> infusionTime, Optional<List<DosingInterval>> dosingIntervals, Optional<String> terminalPhase) {
      this(resultsId, outputPath, times, values, valueUnit, dosePerBodyWeight, infusionTime, dosingIntervals,
          terminalPhase, Optional.empty());
    }
  }

  /** One user-defined PK parameter. */
  public record UserDefined(
      @Description("Name reported, e.g. MyCmax; not a standard parameter's name.") String name,
      @Description("Base parameter: C_max, C_max_norm, C_min, C_min_norm, t_max, t_min, C_trough, C_trough_norm, AUC_tEnd, "
          + "AUC_tEnd_norm, AUCM_tEnd, AUC_inf, AUC_inf_norm, AUC_tEnd_inf, AUC_tEnd_inf_norm, CL, MRT, FractionAucEndToInf, "
          + "Thalf, Vss, Vd or Tthreshold.") String base,
      @Description("Window start in minutes; default the first sample.") Optional<Double> start,
      @Description("Window end in minutes; default the last sample.") Optional<Double> end,
      @Description("1-based application whose start time opens the window (instead of start).") Optional<Integer> startApplication,
      @Description("1-based application whose start time closes the window (instead of end).") Optional<Integer> endApplication,
      @Description("Minutes added to the start (with start or startApplication).") Optional<Double> startOffset,
      @Description("Minutes added to the end (with end or endApplication).") Optional<Double> endOffset,
      @Description("The value is divided by this factor (only the divided value is reported).") Optional<Double> normalizationFactor,
      @Description("Concentration threshold for Tthreshold, in the series' unit: the first time at or after t_max at or below it.")
          Optional<Double> threshold) {

    /** The core definition; names every problem at once. */
    public UserDefinedPkParameter definition() {
      StandardPkParameter b;
      try {
        b = StandardPkParameter.fromOspName(base);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("user-defined PK parameter '" + name + "': " + e.getMessage());
      }
      return new UserDefinedPkParameter(name, b, start.orElse(null), end.orElse(null), startApplication.orElse(null),
          endApplication.orElse(null), startOffset.orElse(null), endOffset.orElse(null), normalizationFactor.orElse(null),
          threshold.orElse(null));
    }
  }

  /** Output: {@code {path: {PK name: {value, unit, reason}}}} plus the dosing mode per path. */
  public record Output(
      Optional<String> resultsId,
      @Description("single or multiple dosing, per path.") Map<String, String> mode,
      @Description("Per quantity path, per OSP PK parameter name: value in base units (null with a reason when undefined).") Map<String, Map<String, Value>> parameters,
      @Description("With terminalPhase nca only: per quantity path, per half-life parameter (Thalf; Thalf_tDLast_tEnd "
          + "for multiple dosing), the terminal window its lambda_z comes from, or the reason there is none.")
          Optional<Map<String, Map<String, TerminalWindow>>> terminalPhase,
      @Description("Per quantity path, the dosing the parameters rest on and where it came from.") Map<String, Dosing> dosing) {}

  /** The dosing behind one path's parameters. */
  public record Dosing(
      @Description("applications (derived from the simulation), explicit (given in the call), mixed or none.") String source,
      @Description("The molecule whose applications were used.") Optional<String> molecule,
      @Description("Dosing intervals in minutes with their dose per body weight (µmol/kg, null if unknown).") List<DosingInterval> intervals,
      @Description("Total dose per body weight in µmol/kg (CL, Vss, Vd and full-range _norm values).") Double totalDosePerBodyWeight,
      @Description("Infusion time in minutes used for MRT (single dosing).") Double infusionTime) {}

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
  private final SimulationEngine engine;
  private final PkParameterCalculator calculator;
  private final UnitCatalog units;

  /**
   * @param engine reads the applications of the simulation behind a stored result
   */
  public CalculatePkParametersTool(JobRegistry registry, SimulationEngine engine, UnitCatalog units) {
    this.registry = registry;
    this.engine = engine;
    this.units = units;
    this.calculator = new PkParameterCalculator(units);
  }

  @Override
  public ToolDescriptor descriptor() {
    return new ToolDescriptor("calculate_pk_parameters", "Calculate PK parameters",
        "Compute OSP's standard PK parameters (C_max, t_max, AUC_tEnd, AUC_inf, MRT, Thalf, CL, Vss, Vd, _norm; with "
            + "several applications OSP's multiple-dose names such as C_max_tD1_tD2, C_trough_tD2, AUC_inf_tDLast) for a "
            + "finished run, dosed as the simulation's applications, or an inline series; plus user-defined parameters. "
            + "Values in base units with units.",
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
    List<UserDefinedPkParameter> userDefined = userDefined(input.userDefinedParameters().orElse(List.of()));
    PkOptions options = PkOptions.defaults()
        .withTerminalPhaseFit(input.terminalPhase().map(TerminalPhaseFit::fromWireName).orElse(TerminalPhaseFit.ospDefault()));
    Map<String, String> modes = new LinkedHashMap<>();
    Map<String, Map<String, Value>> out = new LinkedHashMap<>();
    Map<String, Map<String, TerminalWindow>> windows = new LinkedHashMap<>();
    Map<String, Dosing> dosing = new LinkedHashMap<>();
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
      // With the whole dosing given, the model need not be read (it may no longer be readable).
      boolean allExplicit = input.dosingIntervals().isPresent() && input.dosePerBodyWeight().isPresent();
      ApplicationDosing applications = allExplicit ? new ApplicationDosing(List.of()) : applicationsOf(stored);
      double end = r.times()[r.times().length - 1];
      // Engine results are float32 like OSP's; PK is computed from the same numbers OSP would see.
      PkOptions engineOptions = options.withFloat32Inputs(true);
      for (TimeSeries s : series) {
        ApplicationDosing.Dosing derived = applications.forOutput(s.path(), end);
        PkOptions own = explicit(input, derived.applyTo(engineOptions));
        dosing.put(s.path(), dosing(input, derived, own));
        put(s.path(), calculator.calculate(r.times(), s, own, userDefined), modes, out, windows);
      }
    } else {
      double[] t = input.times().orElseThrow(() -> new InvalidInputException("give resultsId, or times and values"));
      double[] v = input.values().orElseThrow(() -> new InvalidInputException("values are required with times"));
      if (t.length != v.length) {
        throw new InvalidInputException("times and values must have the same length (" + t.length + " vs " + v.length + ")");
      }
      String unit = input.valueUnit().orElse("µmol/l");
      units.dimensionOfUnit(unit);
      PkOptions own = explicit(input, options);
      dosing.put("inline", dosing(input, null, own));
      put("inline", calculator.calculate(t, v, unit, own, userDefined), modes, out, windows);
    }
    boolean bestFit = options.terminalPhaseFit() == TerminalPhaseFit.BEST_FIT;
    return new Output(input.resultsId(), modes, out, bestFit ? Optional.of(windows) : Optional.empty(), dosing);
  }

  private static List<UserDefinedPkParameter> userDefined(List<UserDefined> given) {
    List<UserDefinedPkParameter> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (UserDefined u : given) {
      try {
        out.add(u.definition());
      } catch (InvalidInputException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(String.join("; ", problems));
    }
    return UserDefinedPkParameter.distinct(out);
  }

  /** The applications of the simulation revision that produced a result, with that revision's overrides. */
  private ApplicationDosing applicationsOf(StoredResult stored) {
    StoredSimulation simulation = registry.findSimulation(stored.simulationId(), stored.revision())
        .orElseThrow(() -> new NotFoundException("the simulation behind result " + stored.id().value()
            + " (revision " + stored.revision() + ") is no longer stored, so its applications are unknown; "
            + "give dosingIntervals and dosePerBodyWeight"));
    try {
      return new ApplicationDosing(engine.quantities(simulation.spec()));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.getMessage() + " (reading the applications of result " + stored.id().value()
          + "; give dosingIntervals and dosePerBodyWeight to compute without them)", e);
    }
  }

  /** The caller's explicit dosing on top of the given options. */
  private static PkOptions explicit(Input input, PkOptions options) {
    PkOptions out = options;
    if (input.dosingIntervals().isPresent()) {
      out = out.withDosingIntervals(input.dosingIntervals().get());
    }
    if (input.dosePerBodyWeight().isPresent()) {
      out = out.withTotalDrugMassPerBodyWeight(input.dosePerBodyWeight().get());
    }
    if (input.infusionTime().isPresent()) {
      out = out.withInfusionTime(input.infusionTime().get());
    }
    return out;
  }

  private static Dosing dosing(Input input, ApplicationDosing.Dosing derived, PkOptions used) {
    boolean anyExplicit = input.dosingIntervals().isPresent() || input.dosePerBodyWeight().isPresent()
        || input.infusionTime().isPresent();
    boolean anyDerived = derived != null && (!derived.intervals().isEmpty() || derived.totalDrugMassPerBodyWeight() != null);
    String source = anyExplicit && anyDerived ? "mixed" : anyExplicit ? "explicit" : anyDerived ? "applications" : "none";
    if (anyExplicit && anyDerived && input.dosingIntervals().isPresent() && input.dosePerBodyWeight().isPresent()) {
      source = "explicit";
    }
    return new Dosing(source, derived == null ? Optional.empty() : derived.molecule(), used.dosingIntervals(),
        used.totalDrugMassPerBodyWeight(), used.infusionTime());
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
