package io.mcpbridge.core.pk;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The standard PK parameter names {@link PkParameterCalculator} produces, in its order. */
public final class PkParameterNames {
  /** Single dosing. */
  public static final List<String> SINGLE_DOSING = List.of(
      "C_max", "C_max_norm", "t_max", "C_tEnd", "AUC_tEnd", "AUC_tEnd_norm", "AUC_inf", "AUC_inf_norm", "MRT",
      "Thalf", "FractionAucLastToInf", "CL", "Vss", "Vd");

  /** Multiple dosing. */
  public static final List<String> MULTIPLE_DOSING = List.of(
      "C_max", "C_max_norm", "t_max", "C_tEnd", "AUC_tEnd", "AUC_tEnd_norm",
      "C_max_tD1_tD2", "C_max_tD1_tD2_norm", "t_max_tD1_tD2", "C_trough_tD2", "AUC_tD1_tD2", "AUC_tD1_tD2_norm",
      "AUC_inf_tD1", "AUC_inf_tD1_norm", "Thalf", "MRT",
      "AUC_tDLast_minus_1_tDLast", "AUC_tDLast_minus_1_tDLast_norm", "C_trough_tDLast",
      "C_max_tDLast_tEnd", "C_max_tDLast_tEnd_norm", "t_max_tDLast_tEnd", "Thalf_tDLast_tEnd",
      "AUC_inf_tDLast", "AUC_inf_tDLast_norm");

  private PkParameterNames() {}

  /** Every name of either mode. */
  public static Set<String> all() {
    Set<String> out = new LinkedHashSet<>(SINGLE_DOSING);
    out.addAll(MULTIPLE_DOSING);
    return out;
  }
}
