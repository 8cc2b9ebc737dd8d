package io.mcpbridge.core.sensitivity.global;

import java.util.Objects;

/**
 * One scalar response of a model whose global sensitivity is computed: a PK parameter of an
 * output, or an output's value at a chosen time (linear interpolation between the output times).
 *
 * @param outputPath the output's quantity path
 * @param pkParameter the PK parameter name, or null for a value at a time
 * @param time the time in minutes for a value at a time, or NaN for a PK parameter
 */
public record GlobalResponse(String outputPath, String pkParameter, double time) {
  public GlobalResponse {
    Objects.requireNonNull(outputPath, "outputPath");
    if ((pkParameter == null) == Double.isNaN(time)) {
      throw new IllegalArgumentException("a response is either a PK parameter or a value at a time");
    }
  }

  /** A PK parameter of an output. */
  public static GlobalResponse pk(String outputPath, String pkParameter) {
    return new GlobalResponse(outputPath, Objects.requireNonNull(pkParameter, "pkParameter"), Double.NaN);
  }

  /** An output's value at a time in minutes. */
  public static GlobalResponse at(String outputPath, double time) {
    return new GlobalResponse(outputPath, null, time);
  }

  /** How files and outputs name it: the PK parameter name, or {@code Value@t=T} (T in minutes). */
  public String label() {
    return pkParameter != null ? pkParameter : "Value@t=" + TimeLabels.format(time);
  }

  /**
   * The response a label names.
   *
   * @throws IllegalArgumentException if a {@code Value@t=} label has no number
   */
  public static GlobalResponse ofLabel(String outputPath, String label) {
    if (label.startsWith("Value@t=")) {
      return at(outputPath, Double.parseDouble(label.substring("Value@t=".length())));
    }
    return pk(outputPath, label);
  }

  /** Labels print times without a needless ".0" so that {@code t=60} reads as given. */
  static final class TimeLabels {
    private TimeLabels() {}

    static String format(double t) {
      return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
    }
  }
}
