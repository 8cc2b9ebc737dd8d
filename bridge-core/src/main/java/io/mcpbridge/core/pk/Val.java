package io.mcpbridge.core.pk;

/**
 * A number in the making: a double, or the reason it cannot be given. Either way it also carries
 * {@code osp}, the number OSP itself would report (NaN, ±∞, a negative half-life or a zero AUC_inf
 * where this analysis gives a reason instead).
 */
record Val(double v, PkReason reason, double osp) {
  static Val of(double v) {
    return new Val(v, null, v);
  }

  static Val fail(PkReason reason) {
    return new Val(Double.NaN, reason, Double.NaN);
  }

  /** A failure for which OSP still reports the number {@code osp}. */
  static Val fail(PkReason reason, double osp) {
    return new Val(Double.NaN, reason, osp);
  }

  boolean failed() {
    return reason != null;
  }

  /** The same OSP number with another reason. */
  Val because(PkReason other) {
    return new Val(Double.NaN, other, osp);
  }

  /** Combines two values; the first failure wins. OSP's numbers are combined regardless. */
  Val combine(Val other, java.util.function.DoubleBinaryOperator op) {
    double combinedOsp = op.applyAsDouble(osp, other.osp);
    if (failed()) {
      return new Val(Double.NaN, reason, combinedOsp);
    }
    if (other.failed()) {
      return new Val(Double.NaN, other.reason, combinedOsp);
    }
    double value = op.applyAsDouble(v, other.v);
    return new Val(value, null, value);
  }

  PkParameterValue named(String name, String unit, boolean nanInInputs) {
    if (failed()) {
      return PkParameterValue.missing(name, unit, reason);
    }
    if (!Double.isFinite(v)) {
      return PkParameterValue.missing(
          name, unit, nanInInputs ? PkReason.NAN_IN_SERIES : PkReason.NON_FINITE_RESULT);
    }
    return PkParameterValue.of(name, v, unit);
  }
}
