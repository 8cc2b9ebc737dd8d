package io.mcpbridge.core.pk;

import java.util.List;
import java.util.Objects;

/**
 * Inputs to a PK analysis besides the series. All are optional.
 *
 * @param dosingIntervals the applications of the molecule sorted by start; two or more valid ones
 *     select multiple dosing
 * @param totalDrugMassPerBodyWeight total dose per body weight D (µmol/kg for molar series, kg/kg
 *     for mass series); null means unknown, unless every interval has a dose, then their sum is used
 * @param infusionTime infusion duration (min) for single dosing, subtracted as T/2 from MRT; null if
 *     not an infusion
 * @param terminalPhaseFit how λ is estimated (default {@link TerminalPhaseFit#LAST_TWO_POINTS})
 * @param float32Inputs round times and values to 32-bit floats first, as OSP stores results
 */
public record PkOptions(
    List<DosingInterval> dosingIntervals,
    Double totalDrugMassPerBodyWeight,
    Double infusionTime,
    TerminalPhaseFit terminalPhaseFit,
    boolean float32Inputs) {

  public PkOptions {
    dosingIntervals = List.copyOf(dosingIntervals);
    Objects.requireNonNull(terminalPhaseFit, "terminalPhaseFit");
  }

  /** No dose information, OSP's terminal phase (the last two samples), double inputs. */
  public static PkOptions defaults() {
    return new PkOptions(List.of(), null, null, TerminalPhaseFit.ospDefault(), false);
  }

  /** A copy with these dosing intervals. */
  public PkOptions withDosingIntervals(List<DosingInterval> intervals) {
    return new PkOptions(intervals, totalDrugMassPerBodyWeight, infusionTime, terminalPhaseFit, float32Inputs);
  }

  /** A copy with this total dose per body weight. */
  public PkOptions withTotalDrugMassPerBodyWeight(Double dose) {
    return new PkOptions(dosingIntervals, dose, infusionTime, terminalPhaseFit, float32Inputs);
  }

  /** A copy with this infusion time (min). */
  public PkOptions withInfusionTime(Double minutes) {
    return new PkOptions(dosingIntervals, totalDrugMassPerBodyWeight, minutes, terminalPhaseFit, float32Inputs);
  }

  /** A copy with this terminal-phase fit. */
  public PkOptions withTerminalPhaseFit(TerminalPhaseFit fit) {
    return new PkOptions(dosingIntervals, totalDrugMassPerBodyWeight, infusionTime, fit, float32Inputs);
  }

  /** A copy that does (or does not) round inputs to 32-bit floats. */
  public PkOptions withFloat32Inputs(boolean round) {
    return new PkOptions(dosingIntervals, totalDrugMassPerBodyWeight, infusionTime, terminalPhaseFit, round);
  }
}
