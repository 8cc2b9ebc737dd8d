package io.mcpbridge.core.pk;

/**
 * One dosing interval [start, end] in min, with the dose given at its start per body weight.
 *
 * @param start time of the application (min)
 * @param end start of the next application, or the end of the simulation (min)
 * @param dosePerBodyWeight dose of this application per body weight (µmol/kg for molar series,
 *     kg/kg for mass series), or null if unknown
 */
public record DosingInterval(double start, double end, Double dosePerBodyWeight) {

  /** Whether OSP accepts the interval: finite bounds with start &lt; end. */
  public boolean isValid() {
    return Double.isFinite(start) && Double.isFinite(end) && start < end;
  }
}
