package io.mcpbridge.core.pk;

import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.TimeSeries;
import io.mcpbridge.core.units.Dimension;
import io.mcpbridge.core.units.UnitCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OSP's standard PK parameters of one series (what ospsuite's {@code calculatePKAnalyses} reports
 * per output), computed in double precision.
 *
 * <p><b>Mode.</b> Single dosing if there is at most one dosing interval or any interval is invalid
 * (start ≥ end); otherwise multiple dosing.
 *
 * <p><b>Intervals.</b> A boundary τ maps to the first sample with t ≥ τ (the exact sample if
 * present); a boundary after the last sample drops the interval, whose parameters are then reported
 * with {@link PkReason#INTERVAL_OUTSIDE_SERIES}.
 *
 * <p><b>Primitives.</b> C_max/t_max: first maximum (NaN samples skipped). AUC: linear trapezoid
 * (repeated time stamps contribute 0). Terminal phase: see {@link TerminalPhaseFit}. AUC_inf = AUC +
 * C_fit/λ; Thalf = ln2/λ; MRT = (AUMC + C_fit/λ·(t_n + 1/λ))/AUC_inf − T_inf/2 (single dosing
 * only); FractionAucLastToInf = (C_fit/λ)/AUC_inf; CL = D/AUC_inf with the total dose D; Vss =
 * CL·MRT; Vd = CL/λ; {@code _norm} = value / dose of the range (total D for the full range, the
 * interval's own dose otherwise).
 *
 * <p><b>Best-fit terminal phase.</b> With {@link TerminalPhaseFit#BEST_FIT} λz comes from the window
 * non-compartmental analysis would choose, and the analysis reports that window per half-life
 * parameter ({@link PkAnalysis#terminalPhases()}).
 *
 * <p><b>Deviations from OSP, by design:</b> where OSP would report NaN, ±∞, a zero AUC_inf (λ &lt;
 * 0) or a negative half-life, the value is null with a {@link PkReason}.
 */
public final class PkParameterCalculator {
  private final UnitCatalog catalog;

  public PkParameterCalculator(UnitCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** A calculator using {@link UnitCatalog#standard()}. */
  public PkParameterCalculator() {
    this(UnitCatalog.standard());
  }

  /**
   * PK parameters of a result series.
   *
   * @param times output times in min, shared by the series
   * @param series values in the base unit of its dimension
   */
  public PkAnalysis calculate(double[] times, TimeSeries series, PkOptions options) {
    Dimension d = catalog.requireDimension(series.dimension());
    return calculate(times, series.values(), d.baseUnit().name(), options);
  }

  /**
   * PK parameters of a series.
   *
   * @param times sample times in min, non-decreasing and finite
   * @param values values in {@code valueUnit} (a base unit, e.g. µmol/l or µmol); NaN allowed
   * @param valueUnit the unit the result units are derived from
   * @throws InvalidInputException if the arrays are empty, differ in length or times are not
   *     finite and non-decreasing, or if the options are malformed
   */
  public PkAnalysis calculate(double[] times, double[] values, String valueUnit, PkOptions options) {
    return calculate(times, values, valueUnit, options, List.of());
  }

  /**
   * PK parameters of a result series plus user-defined ones.
   *
   * @param times output times in min, shared by the series
   * @param series values in the base unit of its dimension
   * @param userDefined parameters to add after the standard ones, in this order
   */
  public PkAnalysis calculate(double[] times, TimeSeries series, PkOptions options,
      List<UserDefinedPkParameter> userDefined) {
    Dimension d = catalog.requireDimension(series.dimension());
    return calculate(times, series.values(), d.baseUnit().name(), options, userDefined);
  }

  /**
   * PK parameters of a series plus user-defined ones ({@link UserDefinedPkParameter}), which follow
   * the standard parameters in the given order and use the same dosing.
   *
   * @throws InvalidInputException as {@link #calculate(double[], double[], String, PkOptions)}, or
   *     if two user-defined parameters share a name
   */
  public PkAnalysis calculate(double[] times, double[] values, String valueUnit, PkOptions options,
      List<UserDefinedPkParameter> userDefined) {
    UserDefinedPkParameter.distinct(userDefined);
    Objects.requireNonNull(valueUnit, "valueUnit");
    Objects.requireNonNull(options, "options");
    double[] t = prepare(times, options.float32Inputs());
    double[] c = prepare(values, options.float32Inputs());
    validate(t, c);
    PkUnits units = PkUnits.forValueUnit(valueUnit);

    List<DosingInterval> intervals = new ArrayList<>(options.dosingIntervals());
    intervals.sort(Comparator.comparingDouble(DosingInterval::start));
    Double totalDose = totalDose(options, intervals);
    boolean multiple = intervals.size() > 1 && intervals.stream().allMatch(DosingInterval::isValid);
    Rows rows = multiple ? multiple(t, c, intervals, totalDose, units, options) : single(t, c, totalDose, units, options);
    if (!userDefined.isEmpty()) {
      UserDefinedPk own = new UserDefinedPk(t, c, intervals, totalDose, units, options);
      boolean nan = Arrays.stream(c).anyMatch(Double::isNaN);
      for (UserDefinedPkParameter p : userDefined) {
        rows.add(own.value(p), p.name(), own.unit(p), nan);
      }
    }
    return rows.analysis(multiple ? DosingMode.MULTIPLE : DosingMode.SINGLE);
  }

  private static Rows single(
      double[] t, double[] c, Double totalDose, PkUnits u, PkOptions options) {
    IntervalPk r =
        new IntervalPk(t, c, 0, t.length - 1, options.terminalPhaseFit(), options.infusionTime());
    boolean nan = r.nanInInputs;
    Val dose = dose(totalDose);
    Val cl = dose.combine(r.aucInf, (d, auc) -> d / auc);
    cl = r.aucInf.failed() ? cl.because(r.aucInf.reason()) : cl; // a failed fit explains more than a missing dose
    Rows out = new Rows();
    out.terminalPhase("Thalf", r.lambdaZSelection);
    out.add(r.cMax, "C_max", u.value(), nan);
    out.add(norm(r.cMax, dose), "C_max_norm", u.valueNorm(), nan);
    out.add(r.tMax, "t_max", u.time(), nan);
    out.add(r.cLast, "C_tEnd", u.value(), nan);
    out.add(r.auc, "AUC_tEnd", u.auc(), nan);
    out.add(norm(r.auc, dose), "AUC_tEnd_norm", u.aucNorm(), nan);
    out.add(r.aucInf, "AUC_inf", u.auc(), nan);
    out.add(norm(r.aucInf, dose), "AUC_inf_norm", u.aucNorm(), nan);
    out.add(r.mrt, "MRT", u.time(), nan);
    out.add(r.thalf, "Thalf", u.time(), nan);
    out.add(r.fractionLastToInf, "FractionAucLastToInf", u.fraction(), nan);
    out.add(cl, "CL", u.clearance(), nan);
    out.add(cl.combine(r.mrt, (a, b) -> a * b), "Vss", u.volume(), nan);
    out.add(cl.combine(r.lambda, (a, b) -> a / b), "Vd", u.volume(), nan);
    return out;
  }

  private static Rows multiple(
      double[] t, double[] c, List<DosingInterval> intervals, Double totalDose, PkUnits u,
      PkOptions options) {
    TerminalPhaseFit fit = options.terminalPhaseFit();
    Rows out = new Rows();

    IntervalPk full = new IntervalPk(t, c, 0, t.length - 1, fit, null);
    Val total = dose(totalDose);
    boolean nan = full.nanInInputs;
    out.add(full.cMax, "C_max", u.value(), nan);
    out.add(norm(full.cMax, total), "C_max_norm", u.valueNorm(), nan);
    out.add(full.tMax, "t_max", u.time(), nan);
    out.add(full.cLast, "C_tEnd", u.value(), nan);
    out.add(full.auc, "AUC_tEnd", u.auc(), nan);
    out.add(norm(full.auc, total), "AUC_tEnd_norm", u.aucNorm(), nan);

    DosingInterval first = intervals.get(0);
    Ranged r1 = ranged(t, c, first, fit);
    Val d1 = dose(first.dosePerBodyWeight());
    out.add(r1.value(p -> p.cMax), "C_max_tD1_tD2", u.value(), r1.nan());
    out.add(r1.norm(p -> p.cMax, d1), "C_max_tD1_tD2_norm", u.valueNorm(), r1.nan());
    out.add(r1.value(p -> p.tMax), "t_max_tD1_tD2", u.time(), r1.nan());
    out.add(r1.value(p -> p.cLast), "C_trough_tD2", u.value(), r1.nan());
    out.add(r1.value(p -> p.auc), "AUC_tD1_tD2", u.auc(), r1.nan());
    out.add(r1.norm(p -> p.auc, d1), "AUC_tD1_tD2_norm", u.aucNorm(), r1.nan());
    out.add(r1.value(p -> p.aucInf), "AUC_inf_tD1", u.auc(), r1.nan());
    out.add(r1.norm(p -> p.aucInf, d1), "AUC_inf_tD1_norm", u.aucNorm(), r1.nan());
    out.add(r1.value(p -> p.thalf), "Thalf", u.time(), r1.nan());
    out.add(r1.value(p -> p.mrt), "MRT", u.time(), r1.nan());
    out.terminalPhase("Thalf", r1.lambdaZSelection(fit));

    DosingInterval beforeLast = intervals.get(intervals.size() - 2);
    Ranged rb = ranged(t, c, beforeLast, fit);
    Val db = dose(beforeLast.dosePerBodyWeight());
    out.add(rb.value(p -> p.auc), "AUC_tDLast_minus_1_tDLast", u.auc(), rb.nan());
    out.add(rb.norm(p -> p.auc, db), "AUC_tDLast_minus_1_tDLast_norm", u.aucNorm(), rb.nan());
    out.add(rb.value(p -> p.cLast), "C_trough_tDLast", u.value(), rb.nan());

    DosingInterval last = intervals.get(intervals.size() - 1);
    Ranged rl = ranged(t, c, last, fit);
    Val dl = dose(last.dosePerBodyWeight());
    out.add(rl.value(p -> p.cMax), "C_max_tDLast_tEnd", u.value(), rl.nan());
    out.add(rl.norm(p -> p.cMax, dl), "C_max_tDLast_tEnd_norm", u.valueNorm(), rl.nan());
    out.add(rl.value(p -> p.tMax), "t_max_tDLast_tEnd", u.time(), rl.nan());
    out.add(rl.value(p -> p.thalf), "Thalf_tDLast_tEnd", u.time(), rl.nan());
    out.terminalPhase("Thalf_tDLast_tEnd", rl.lambdaZSelection(fit));
    out.add(rl.value(p -> p.aucInf), "AUC_inf_tDLast", u.auc(), rl.nan());
    out.add(rl.norm(p -> p.aucInf, dl), "AUC_inf_tDLast_norm", u.aucNorm(), rl.nan());
    return out;
  }

  /** The parameters in OSP's order, with the numbers OSP itself would report. */
  private static final class Rows {
    private final List<PkParameterValue> values = new ArrayList<>();
    private final Map<String, Double> osp = new LinkedHashMap<>();
    private final Map<String, LambdaZSelection> terminalPhases = new LinkedHashMap<>();

    void add(Val value, String name, String unit, boolean nanInInputs) {
      values.add(value.named(name, unit, nanInInputs));
      osp.put(name, value.osp());
    }

    /** Records the best-fit window behind a half-life parameter; null (OSP's rules) records nothing. */
    void terminalPhase(String halfLifeName, LambdaZSelection selection) {
      if (selection != null) {
        terminalPhases.put(halfLifeName, selection);
      }
    }

    PkAnalysis analysis(DosingMode mode) {
      return new PkAnalysis(mode, values, osp, terminalPhases);
    }
  }

  /** The primitives of one dosing interval, or none if a boundary is outside the series. */
  private record Ranged(IntervalPk pk) {
    Val value(java.util.function.Function<IntervalPk, Val> f) {
      return pk == null ? Val.fail(PkReason.INTERVAL_OUTSIDE_SERIES) : f.apply(pk);
    }

    Val norm(java.util.function.Function<IntervalPk, Val> f, Val dose) {
      return PkParameterCalculator.norm(value(f), dose);
    }

    boolean nan() {
      return pk != null && pk.nanInInputs;
    }

    /** The best-fit window of this interval; null for OSP's rules. */
    LambdaZSelection lambdaZSelection(TerminalPhaseFit fit) {
      if (pk == null) {
        return fit == TerminalPhaseFit.BEST_FIT ? LambdaZSelection.none(PkReason.INTERVAL_OUTSIDE_SERIES) : null;
      }
      return pk.lambdaZSelection;
    }
  }

  private static Ranged ranged(double[] t, double[] c, DosingInterval interval, TerminalPhaseFit fit) {
    int from = indexAtOrAfter(t, interval.start());
    int to = indexAtOrAfter(t, interval.end());
    if (from < 0 || to < 0) {
      return new Ranged(null);
    }
    return new Ranged(new IntervalPk(t, c, from, to, fit, null));
  }

  /** First index with t ≥ τ, or −1 if τ is after the last sample. */
  static int indexAtOrAfter(double[] t, double tau) {
    int lo = 0;
    int hi = t.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] < tau) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < t.length ? lo : -1;
  }

  /** value / dose; fails with whichever fails. */
  static Val norm(Val value, Val dose) {
    return value.combine(dose, (v, d) -> v / d);
  }

  /** A usable dose per body weight, or {@link PkReason#NO_DOSE}. */
  static Val dose(Double dosePerBodyWeight) {
    if (dosePerBodyWeight == null || !(dosePerBodyWeight > 0) || dosePerBodyWeight.isInfinite()) {
      return Val.fail(PkReason.NO_DOSE);
    }
    return Val.of(dosePerBodyWeight);
  }

  private static Double totalDose(PkOptions options, List<DosingInterval> intervals) {
    if (options.totalDrugMassPerBodyWeight() != null) {
      return options.totalDrugMassPerBodyWeight();
    }
    if (intervals.isEmpty() || intervals.stream().anyMatch(i -> i.dosePerBodyWeight() == null)) {
      return null;
    }
    return intervals.stream().mapToDouble(DosingInterval::dosePerBodyWeight).sum();
  }

  private static double[] prepare(double[] values, boolean float32) {
    Objects.requireNonNull(values, "values");
    if (!float32) {
      return values;
    }
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static void validate(double[] t, double[] c) {
    if (t.length != c.length) {
      throw new InvalidInputException(
          "PK analysis needs one value per time: " + t.length + " times, " + c.length + " values");
    }
    if (t.length == 0) {
      throw new InvalidInputException("PK analysis needs at least one sample");
    }
    for (int i = 0; i < t.length; i++) {
      if (!Double.isFinite(t[i])) {
        throw new InvalidInputException("Time at index " + i + " is not finite: " + t[i]);
      }
      if (i > 0 && t[i] < t[i - 1]) {
        throw new InvalidInputException(
            "Times must be non-decreasing: index " + i + " (" + t[i] + ") < previous (" + t[i - 1] + ")");
      }
    }
  }
}
