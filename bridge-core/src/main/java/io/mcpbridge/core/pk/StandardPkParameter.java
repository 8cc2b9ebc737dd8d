package io.mcpbridge.core.pk;

import io.mcpbridge.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The quantity a user-defined PK parameter computes over its window, with OSP's names (the
 * {@code StandardPKParameter} values of ospsuite).
 */
public enum StandardPkParameter {
  C_MAX("C_max"),
  C_MAX_NORM("C_max_norm"),
  C_MIN("C_min"),
  C_MIN_NORM("C_min_norm"),
  T_MAX("t_max"),
  T_MIN("t_min"),
  C_TROUGH("C_trough"),
  C_TROUGH_NORM("C_trough_norm"),
  AUC_TEND("AUC_tEnd"),
  AUC_TEND_NORM("AUC_tEnd_norm"),
  AUCM_TEND("AUCM_tEnd"),
  AUC_INF("AUC_inf"),
  AUC_INF_NORM("AUC_inf_norm"),
  AUC_TEND_INF("AUC_tEnd_inf"),
  AUC_TEND_INF_NORM("AUC_tEnd_inf_norm"),
  CL("CL"),
  MRT("MRT"),
  FRACTION_AUC_END_TO_INF("FractionAucEndToInf"),
  THALF("Thalf"),
  VSS("Vss"),
  VD("Vd"),
  T_THRESHOLD("Tthreshold");

  private final String ospName;

  StandardPkParameter(String ospName) {
    this.ospName = ospName;
  }

  /** The name OSP and the wire use, e.g. {@code C_max}. */
  public String ospName() {
    return ospName;
  }

  /**
   * The parameter with this OSP name (case-sensitive, as OSP's).
   *
   * @throws InvalidInputException naming the valid names if there is none
   */
  public static StandardPkParameter fromOspName(String name) {
    for (StandardPkParameter p : values()) {
      if (p.ospName.equals(name)) {
        return p;
      }
    }
    throw new InvalidInputException("unknown base PK parameter '" + name + "'; expected one of "
        + Arrays.stream(values()).map(StandardPkParameter::ospName).collect(Collectors.joining(", ")));
  }
}
