package io.mcpbridge.core.model;

/** How result values are reported. */
public enum ResultPrecision {
  /** Rounded to 32-bit floats, as OSP stores results (the default, for comparability). */
  FLOAT32,
  /** Full double precision. */
  FULL
}
