package io.mcpbridge.core.pk;

/**
 * Base units of the PK parameters of a series whose values are in {@code valueUnit}. The dose per
 * body weight D is in "(amount of the series)/kg", so it cancels the amount: with C in µmol/l and D
 * in µmol/kg, CL = D/AUC is in l/min/kg, Vss and Vd in l/kg, C_max_norm in kg/l and AUC_norm in
 * kg·min/l. For an amount series (µmol) the "volume" is 1: CL in 1/min/kg, C_max_norm in kg.
 */
record PkUnits(String value, String time, String auc, String clearance, String volume,
    String valueNorm, String aucNorm, String fraction) {

  /** The unit of the first moment AUMC: the AUC's times min. */
  String aumc() {
    return auc.replaceFirst("min", "min²");
  }

  static PkUnits forValueUnit(String valueUnit) {
    int slash = valueUnit.indexOf('/');
    String amount = slash < 0 ? valueUnit : valueUnit.substring(0, slash);
    String perVolume = slash < 0 ? "" : valueUnit.substring(slash); // e.g. "/l"
    String volume = slash < 0 ? "1" : valueUnit.substring(slash + 1);
    String auc = (amount.isEmpty() ? "min" : amount + "·min") + perVolume;
    return new PkUnits(
        valueUnit,
        "min",
        auc,
        volume + "/min/kg",
        volume + "/kg",
        "kg" + perVolume,
        "kg·min" + perVolume,
        "");
  }
}
