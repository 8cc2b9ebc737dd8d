package io.mcpbridge.engine.pkml.assembly;

import io.mcpbridge.engine.pkml.model.ModelDefinitionException;

/** Parses numbers as OSP writes them (invariant culture; NaN and infinities allowed). */
final class Numbers {
  private Numbers() {}

  static double parse(String text, String context) {
    String t = text.trim();
    if (t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (t.equals("Infinity") || t.equals("∞") || t.equalsIgnoreCase("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.equals("-Infinity") || t.equals("-∞") || t.equalsIgnoreCase("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new ModelDefinitionException(context + ": '" + text + "' is not a number");
    }
  }
}
