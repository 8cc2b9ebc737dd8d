package io.mcpbridge.core.pk;

/** Why a PK parameter has no value. */
public enum PkReason {
  /** Fewer than 3 samples, so no terminal phase can be fitted (window size 0). */
  TOO_FEW_POINTS,
  /** A sample in the terminal window is negative or NaN; OSP suppresses the fit. */
  NEGATIVE_OR_NAN_IN_TERMINAL_WINDOW,
  /** The terminal slope is rising (λ < 0): OSP reports AUC_inf 0 and CL +∞, which mean nothing. */
  TERMINAL_PHASE_RISING,
  /** The terminal fit gave λ = 0 or no finite λ (flat tail, zero values, repeated last time). */
  TERMINAL_PHASE_FIT_FAILED,
  /** The dose per body weight needed for CL, Vss, Vd or a {@code _norm} value is unknown. */
  NO_DOSE,
  /** A dosing-interval boundary lies after the last sample, so OSP drops that interval. */
  INTERVAL_OUTSIDE_SERIES,
  /**
   * Best-fit ({@code nca}) terminal phase: fewer than 3 samples with a positive concentration lie
   * strictly after t_max.
   */
  TOO_FEW_POINTS_AFTER_T_MAX,
  /**
   * Best-fit ({@code nca}) terminal phase: no window with λz &gt; 0 comes within the tolerance of the
   * best adjusted R² (the tail is flat or rising).
   */
  NO_DECLINING_TERMINAL_WINDOW,
  /** User-defined parameter: the series never comes down to the concentration threshold after t_max. */
  THRESHOLD_NOT_REACHED,
  /** User-defined parameter: the application index is beyond the simulation's applications. */
  NO_SUCH_APPLICATION,
  /** User-defined parameter: the window holds fewer than two samples (start index ≥ end index). */
  EMPTY_WINDOW,
  /** The samples the value depends on contain NaN. */
  NAN_IN_SERIES,
  /** The formula gave NaN or ±∞ for another reason (e.g. division by a zero AUC). */
  NON_FINITE_RESULT
}
