package io.mcpbridge.core.pk;

/** A number in the making: a double, or the reason it cannot be given. */
record Val(double v, PkReason reason) {
  static Val of(double v) {
    return new Val(v, null);
  }

  static Val fail(PkReason reason) {
    return new Val(Double.NaN, reason);
  }

  boolean failed() {
    return reason != null;
  }

  /** Combines two values; the first failure wins. */
  Val combine(Val other, java.util.function.DoubleBinaryOperator op) {
    if (failed()) {
      return this;
    }
    if (other.failed()) {
      return other;
    }
    return of(op.applyAsDouble(v, other.v));
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
