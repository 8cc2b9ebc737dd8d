package io.mcpbridge.core.pk;

import java.util.Objects;
import java.util.Optional;

/**
 * One PK parameter of one series.
 *
 * @param name OSP parameter name, e.g. {@code C_max}, {@code AUC_inf_tDLast}
 * @param value the value in {@code unit}, or null when it cannot be computed
 * @param unit base unit derived from the series' dimension, e.g. {@code µmol·min/l}
 * @param reason why {@code value} is null; empty when it is present
 */
public record PkParameterValue(String name, Double value, String unit, Optional<PkReason> reason) {
  public PkParameterValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(reason, "reason");
    if ((value == null) == reason.isEmpty()) {
      throw new IllegalArgumentException("exactly one of value and reason must be present: " + name);
    }
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + name);
    }
  }

  /** A computed value. */
  public static PkParameterValue of(String name, double value, String unit) {
    return new PkParameterValue(name, value, unit, Optional.empty());
  }

  /** A value that could not be computed. */
  public static PkParameterValue missing(String name, String unit, PkReason reason) {
    return new PkParameterValue(name, null, unit, Optional.of(reason));
  }
}
