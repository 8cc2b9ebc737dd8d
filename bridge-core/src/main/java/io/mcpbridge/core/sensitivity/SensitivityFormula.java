package io.mcpbridge.core.sensitivity;

/**
 * OSP's sensitivity of one PK parameter to one parameter:
 * S = (1/N)·Σ_v [(PK_v − PK_0)/(P_v − P0)]·(P0/PK_0) over the N variations, set to 0 when
 * |S| &lt; 1e-4, and NaN when the unperturbed value PK_0 is not finite or its magnitude is below
 * the smallest positive float (C#'s {@code float.Epsilon}).
 */
public final class SensitivityFormula {
  /** Below this magnitude a sensitivity is reported as 0. */
  public static final double NEGLIGIBLE = 1e-4;

  private SensitivityFormula() {}

  /** Whether PK_0 can normalise a sensitivity. */
  public static boolean usableDefault(double pk0) {
    return Double.isFinite(pk0) && Math.abs(pk0) >= Float.MIN_VALUE;
  }

  /**
   * The sensitivity.
   *
   * @param p0 baseline parameter value
   * @param pk0 PK value of the unperturbed run
   * @param values varied parameter values P_v
   * @param pks PK values of the runs with P_v, same order
   * @return S, 0 if negligible, NaN if PK_0 is unusable (or a varied PK value is NaN)
   */
  public static double sensitivity(double p0, double pk0, double[] values, double[] pks) {
    if (values.length != pks.length || values.length == 0) {
      throw new IllegalArgumentException("one PK value per varied value is needed");
    }
    if (!usableDefault(pk0)) {
      return Double.NaN;
    }
    double sum = 0;
    for (int v = 0; v < values.length; v++) {
      sum += (pks[v] - pk0) / (values[v] - p0) * (p0 / pk0);
    }
    double s = sum / values.length;
    return Math.abs(s) < NEGLIGIBLE ? 0.0 : s;
  }
}
